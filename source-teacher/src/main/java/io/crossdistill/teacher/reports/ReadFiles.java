package io.crossdistill.teacher.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.crossdistill.labelling.LabelSetManifest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What was read from the runs' {@code metrics.json} and manifest files, kept by file, size and modification
 * time: a list of reports reads each file once until it changes, however often the console asks. Only the
 * small results are kept (a summary, a manifest), never the files.
 *
 * @param <R> what one file gives
 */
final class ReadFiles<R> {

  /** Files whose results are kept, per kind; a full protocol run has about 50 manifests. */
  static final int MAX_ENTRIES = 4096;

  /** Largest metrics.json read (a full protocol writes a few MiB). */
  static final long MAX_METRICS_BYTES = 64L << 20;
  /** Largest label-set manifest read. */
  static final long MAX_MANIFEST_BYTES = 4L << 20;

  /** The results of reading runs' files, kept until a file changes. */
  record Caches(ReadFiles<Read<MetricsFile.Contents>> metrics, ReadFiles<Read<LabelSetManifest>> manifests) {

    static Caches create(MeterRegistry meters) {
      return new Caches(new ReadFiles<>("report-metrics", ReadFiles::readMetrics, meters),
          new ReadFiles<>("report-manifests", ReadFiles::readManifest, meters));
    }
  }

  /** What reading one file gave: its value, or why there is none, or both. */
  record Read<T>(Optional<T> value, List<String> problems) {

    static <T> Read<T> of(T value) {
      return new Read<>(Optional.of(value), List.of());
    }

    static <T> Read<T> problem(String problem) {
      return new Read<>(Optional.empty(), List.of(problem));
    }
  }

  /** Reads a {@code metrics.json}; problems are said of the file, its name left to the caller. */
  static Read<MetricsFile.Contents> readMetrics(Path file) {
    try {
      long size = Files.size(file);
      if (size > MAX_METRICS_BYTES) {
        return Read.problem("is " + size + " bytes, over the " + MAX_METRICS_BYTES + " read; not read");
      }
      try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
        return Read.of(MetricsFile.read(in));
      }
    } catch (MetricsFile.FormatException e) {
      return Read.problem("is not in the format student compare writes: " + e.getMessage());
    } catch (IOException e) {
      return Read.problem("cannot be read");
    }
  }

  /** Reads a label set's {@code manifest.json}; problems are said of the file, its name left to the caller. */
  static Read<LabelSetManifest> readManifest(Path file) {
    try {
      long size = Files.size(file);
      if (size > MAX_MANIFEST_BYTES) {
        return Read.problem("is " + size + " bytes, over the " + MAX_MANIFEST_BYTES + " read; not read");
      }
      LabelSetManifest manifest = LabelSetManifest.read(file.getParent());
      if (manifest.id() == null || manifest.key() == null || manifest.counts() == null) {
        return Read.problem("has no id, key or counts");
      }
      if (!file.getParent().getFileName().toString().equals(manifest.id())) {
        return new Read<>(Optional.of(manifest), List.of("is the manifest of label set " + manifest.id()
            + ", not of the directory it lies in"));
      }
      return Read.of(manifest);
    } catch (IOException | RuntimeException e) {
      return Read.problem("is not a label-set manifest (" + LabelSetManifest.FORMAT + ")" + jsonReason(e));
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

  /** A file as it was when read: another size or time is another file. */
  private record Stamp(Path file, long size, FileTime modified) {
  }

  private final Cache<Stamp, R> read;
  private final Function<Path, R> reader;

  /** Results of {@code reader}, monitored as cache {@code name}. */
  ReadFiles(String name, Function<Path, R> reader, MeterRegistry meters) {
    this.read = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).recordStats().build();
    this.reader = reader;
    CaffeineCacheMetrics.monitor(meters, read, name);
  }

  /**
   * The reader's result on {@code file} (a real path, links resolved), read again only when the file's size or
   * modification time changed.
   */
  R get(Path file) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    return read.get(new Stamp(file, attributes.size(), attributes.lastModifiedTime()), s -> reader.apply(s.file()));
  }
}
