package io.crossdistill.teacher.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.crossdistill.labelling.LabelSetManifest;
import io.crossdistill.schemas.Problem;
import io.crossdistill.teacher.service.Conflict;
import io.crossdistill.teacher.service.ConfinedPaths;
import io.crossdistill.teacher.service.Forbidden;
import io.crossdistill.teacher.service.Invalid;
import io.crossdistill.teacher.service.NotFound;
import io.crossdistill.teacher.service.ServiceException;
import io.crossdistill.teacher.service.Unavailable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One published run: the directory {@code <root>/<team>/<run>/} that a {@code student compare --out} (or
 * {@code demo --data --out}) run wrote, holding its {@code report.html}. Every file is read only once
 * {@link ConfinedPaths} has found it inside this directory (a symbolic link that leads elsewhere, even to
 * another run, is refused), and each read is bounded: {@code report.html} by the configured limit,
 * {@code metrics.json} streamed, manifests by size and number.
 */
final class RunDirectory {

  /** The page {@code student compare} writes ({@code ComparisonOutputs.REPORT_HTML}). */
  static final String REPORT_HTML = "report.html";
  /** Its metrics ({@code ComparisonOutputs.METRICS_JSON}). */
  static final String METRICS_JSON = "metrics.json";
  /** Where the run's label stores lie: {@code labels/<run>/teacher-17/<id>/}, and {@code adapted/}, ... beside it. */
  static final String LABELS = "labels";
  /** Largest metrics.json read (a full protocol writes a few MiB). */
  static final long MAX_METRICS_BYTES = 64L << 20;
  /** Largest label-set manifest read. */
  static final long MAX_MANIFEST_BYTES = 4L << 20;
  /** Most label sets read from one run. */
  static final int MAX_LABEL_SETS = 256;
  /** How deep under {@code labels/} a manifest may lie ({@code <run>/<teacher>/<id>/manifest.json}). */
  private static final int LABELS_DEPTH = 4;
  private static final Pattern LABEL_SET_ID = Pattern.compile("[0-9a-f]{32}");
  private static final String WHERE = "the report's directory";

  /** A label set of the run and where it lies, relative to the run's directory. */
  record LabelSetFile(String path, LabelSetManifest manifest) {
  }

  private final ReportId id;
  private final Path dir;
  private final Path html;

  private RunDirectory(ReportId id, Path dir, Path html) {
    this.id = id;
    this.dir = dir;
    this.html = html;
  }

  /**
   * The run {@code id} names under {@code root}.
   *
   * @throws NotFound when there is no such directory or it holds no {@code report.html}
   * @throws Forbidden when the directory or its {@code report.html} is a link that leads out of its place
   */
  static RunDirectory locate(Path root, ReportId id) {
    Path dir = root.resolve(id.team()).resolve(id.run());
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new NotFound("no report '" + id + "'");
    }
    Path real;
    try {
      ConfinedPaths.confine(root, "the reports root", id.team() + "/" + id.run(), "");
      real = dir.toRealPath();
      if (!real.equals(root.toRealPath().resolve(id.team()).resolve(id.run()))) {
        throw new Forbidden("report '" + id + "' is a link to another directory; a report is its own team's directory");
      }
    } catch (Invalid | IOException e) {
      throw new NotFound("no report '" + id + "' (its directory cannot be resolved)");
    }
    if (!Files.isDirectory(real)) {
      throw new NotFound("no report '" + id + "' (not a directory)");
    }
    Path html = real.resolve(REPORT_HTML);
    if (!Files.exists(html, LinkOption.NOFOLLOW_LINKS)) {
      throw new NotFound("report '" + id + "' has no " + REPORT_HTML + " (not a finished run)");
    }
    try {
      html = ConfinedPaths.confine(real, WHERE, REPORT_HTML, "").toRealPath();
    } catch (Invalid | IOException e) {
      throw new NotFound("report '" + id + "' has no readable " + REPORT_HTML);
    }
    if (!Files.isRegularFile(html, LinkOption.NOFOLLOW_LINKS)) {
      throw new NotFound("report '" + id + "' has no " + REPORT_HTML + " (not a file)");
    }
    return new RunDirectory(id, real, html);
  }

  ReportId id() {
    return id;
  }

  /** When {@code report.html} was last written. */
  Instant created() {
    try {
      return Files.getLastModifiedTime(html, LinkOption.NOFOLLOW_LINKS).toInstant();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long htmlBytes() {
    try {
      return Files.size(html);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The bytes of {@code report.html}.
   *
   * @throws Conflict when it is larger than {@code maxBytes}
   * @throws Unavailable when it cannot be read
   */
  byte[] html(long maxBytes) {
    try (SeekableByteChannel channel = Files.newByteChannel(html, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long size = channel.size();
      if (size > maxBytes) {
        throw new Conflict(tooLarge(size, maxBytes));
      }
      ByteBuffer bytes = ByteBuffer.allocate((int) size);
      while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
        // read to the size seen at the start: a file still being written is answered as far as it was
      }
      return bytes.position() == size ? bytes.array() : Arrays.copyOf(bytes.array(), bytes.position());
    } catch (IOException e) {
      throw new Unavailable("cannot read " + REPORT_HTML + " of report '" + id + "' now", e);
    }
  }

  /** What {@link #html} says when the page is over the limit. */
  static String tooLarge(long size, long maxBytes) {
    return REPORT_HTML + " is " + size + " bytes, over the service's limit of " + maxBytes
        + " bytes (crossdistill.reports.max-html-bytes)";
  }

  /** The summary of {@code metrics.json}; empty, with a problem at {@code /summary}, when it cannot be read. */
  Optional<MetricsFile.Contents> metrics(List<Problem> problems) {
    Optional<Path> file = file(METRICS_JSON, "/summary", problems);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    try {
      long size = Files.size(file.get());
      if (size > MAX_METRICS_BYTES) {
        problems.add(new Problem("/summary", METRICS_JSON + " is " + size + " bytes, over the " + MAX_METRICS_BYTES
            + " read; not read"));
        return Optional.empty();
      }
      try (InputStream in = Files.newInputStream(file.get(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.of(MetricsFile.read(in));
      }
    } catch (MetricsFile.FormatException e) {
      problems.add(new Problem("/summary", METRICS_JSON + " is not in the format student compare writes: "
          + e.getMessage()));
    } catch (IOException e) {
      problems.add(new Problem("/summary", METRICS_JSON + " cannot be read"));
    }
    return Optional.empty();
  }

  /** The complete label sets under {@code labels/}, in path order; what cannot be read is a problem at {@code /labelSets}. */
  List<LabelSetFile> labelSets(List<Problem> problems) {
    if (!Files.exists(dir.resolve(LABELS), LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    Optional<Path> labels = file(LABELS, "/labelSets", problems);
    if (labels.isEmpty() || !Files.isDirectory(labels.get(), LinkOption.NOFOLLOW_LINKS)) {
      labels.ifPresent(l -> problems.add(new Problem("/labelSets", LABELS + " is not a directory")));
      return List.of();
    }
    List<Path> manifests;
    try (Stream<Path> walk = Files.walk(labels.get(), LABELS_DEPTH)) {
      manifests = walk.filter(p -> p.getFileName().toString().equals(LabelSetManifest.FILE)
              && LABEL_SET_ID.matcher(p.getParent().getFileName().toString()).matches())
          .sorted(Comparator.comparing(Path::toString)).limit(MAX_LABEL_SETS + 1L).toList();
    } catch (IOException | UncheckedIOException e) {
      problems.add(new Problem("/labelSets", LABELS + " cannot be listed"));
      return List.of();
    }
    if (manifests.size() > MAX_LABEL_SETS) {
      problems.add(new Problem("/labelSets", "more than " + MAX_LABEL_SETS + " label sets under " + LABELS
          + "; the first " + MAX_LABEL_SETS + " are listed"));
      manifests = manifests.subList(0, MAX_LABEL_SETS);
    }
    Map<String, LabelSetFile> sets = new LinkedHashMap<>();
    for (Path manifest : manifests) {
      String setDir = dir.relativize(manifest.getParent()).toString();
      manifest(setDir, problems).ifPresent(m -> sets.putIfAbsent(m.id(), new LabelSetFile(setDir, m)));
    }
    return List.copyOf(sets.values());
  }

  private Optional<LabelSetManifest> manifest(String setDir, List<Problem> problems) {
    String relative = setDir + "/" + LabelSetManifest.FILE;
    Optional<Path> file = file(relative, "/labelSets", problems);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    try {
      long size = Files.size(file.get());
      if (size > MAX_MANIFEST_BYTES) {
        problems.add(new Problem("/labelSets", relative + " is " + size + " bytes, over the " + MAX_MANIFEST_BYTES
            + " read; not read"));
        return Optional.empty();
      }
      LabelSetManifest manifest = LabelSetManifest.read(file.get().getParent());
      if (manifest.id() == null || manifest.key() == null || manifest.counts() == null) {
        problems.add(new Problem("/labelSets", relative + " has no id, key or counts"));
        return Optional.empty();
      }
      if (!file.get().getParent().getFileName().toString().equals(manifest.id())) {
        problems.add(new Problem("/labelSets", relative + " is the manifest of label set " + manifest.id()
            + ", not of the directory it lies in"));
      }
      return Optional.of(manifest);
    } catch (IOException | RuntimeException e) {
      problems.add(new Problem("/labelSets", relative + " is not a label-set manifest (" + LabelSetManifest.FORMAT
          + ")" + jsonReason(e)));
      return Optional.empty();
    }
  }

  private static String jsonReason(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof JsonProcessingException json) {
        return ": " + json.getOriginalMessage();
      }
    }
    return "";
  }

  /**
   * {@code relative} inside the run's directory, resolved to its real path; empty when it does not exist
   * (nothing said) or leads out of the directory (a problem at {@code pointer}).
   */
  private Optional<Path> file(String relative, String pointer, List<Problem> problems) {
    if (!Files.exists(dir.resolve(relative), LinkOption.NOFOLLOW_LINKS)) {
      problems.add(new Problem(pointer, relative + " is missing"));
      return Optional.empty();
    }
    try {
      return Optional.of(ConfinedPaths.confine(dir, WHERE, relative, pointer).toRealPath());
    } catch (ServiceException e) {
      String why = e.errors().isEmpty() ? e.getMessage() : e.errors().get(0).message();
      problems.add(new Problem(pointer, relative + ": " + why + "; not read"));
    } catch (IOException e) {
      problems.add(new Problem(pointer, relative + " cannot be resolved; not read"));
    }
    return Optional.empty();
  }
}
