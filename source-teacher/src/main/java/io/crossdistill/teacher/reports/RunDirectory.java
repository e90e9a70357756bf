package io.crossdistill.teacher.reports;

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
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
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
  private final BasicFileAttributes page;
  private final ReadFiles.Caches files;

  private RunDirectory(ReportId id, Path dir, Path html, BasicFileAttributes page, ReadFiles.Caches files) {
    this.id = id;
    this.dir = dir;
    this.html = html;
    this.page = page;
    this.files = files;
  }

  /**
   * The run {@code id} names under {@code root}.
   *
   * @throws NotFound when there is no such directory or it holds no {@code report.html}
   * @throws Forbidden when the directory or its {@code report.html} is a link that leads out of its place
   */
  static RunDirectory locate(Path root, ReportId id, ReadFiles.Caches files) {
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
    BasicFileAttributes page;
    try {
      html = ConfinedPaths.confine(real, WHERE, REPORT_HTML, "").toRealPath();
      page = Files.readAttributes(html, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (Invalid | IOException e) {
      throw new NotFound("report '" + id + "' has no readable " + REPORT_HTML);
    }
    if (!page.isRegularFile()) {
      throw new NotFound("report '" + id + "' has no " + REPORT_HTML + " (not a file)");
    }
    return new RunDirectory(id, real, html, page, files);
  }

  ReportId id() {
    return id;
  }

  /** When {@code report.html} was last written (as it was when the run was located). */
  Instant created() {
    return page.lastModifiedTime().toInstant();
  }

  /** The size of {@code report.html} (as it was when the run was located). */
  long htmlBytes() {
    return page.size();
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
      ReadFiles.Read<MetricsFile.Contents> read = files.metrics().get(file.get());
      read.problems().forEach(p -> problems.add(new Problem("/summary", METRICS_JSON + " " + p)));
      return read.value();
    } catch (IOException e) {
      problems.add(new Problem("/summary", METRICS_JSON + " cannot be read"));
      return Optional.empty();
    }
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
      ReadFiles.Read<LabelSetManifest> read = files.manifests().get(file.get());
      read.problems().forEach(p -> problems.add(new Problem("/labelSets", relative + " " + p)));
      return read.value();
    } catch (IOException e) {
      problems.add(new Problem("/labelSets", relative + " cannot be read"));
      return Optional.empty();
    }
  }

  /**
   * {@code relative} inside the run's directory, resolved to its real path; empty, with a problem at
   * {@code pointer}, when it is missing or leads out of the directory.
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
