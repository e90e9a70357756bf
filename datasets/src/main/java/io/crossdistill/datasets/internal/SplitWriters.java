package io.crossdistill.datasets.internal;

import io.crossdistill.datasets.CrossDomainData;
import io.crossdistill.datasets.DomainSchema;
import io.crossdistill.datasets.ProgressListener;
import io.crossdistill.datasets.Split;
import io.crossdistill.schemas.AvroContainers;
import io.crossdistill.schemas.ContainerWriter;
import io.crossdistill.v1.Example;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the five split files of a data set. Each file is written under a temporary name and moved into
 * place by {@link #finish}, so a failed run never leaves a complete-looking but partial split behind.
 * Sync markers are salted with the data set's name and the split, so files are byte-for-byte
 * reproducible.
 */
public final class SplitWriters implements AutoCloseable {

  private static final long PROGRESS_EVERY = 4096;

  private final Path directory;
  private final String salt;
  private final ProgressListener progress;
  private final Map<Split, Long> expected;
  private final Map<Split, ContainerWriter<Example>> writers = new EnumMap<>(Split.class);
  private boolean finished;

  /**
   * @param directory where the split files go (created if needed)
   * @param salt names the data set, e.g. "amazon-movie-music"
   * @param expected rows per split, for progress reports
   */
  public SplitWriters(Path directory, String salt, Map<Split, Long> expected, ProgressListener progress) {
    this.directory = directory;
    this.salt = salt;
    this.progress = progress;
    this.expected = new EnumMap<>(expected);
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create output directory " + directory, e);
    }
    for (Split split : Split.values()) {
      writers.put(split, AvroContainers.writer(temporary(split), Example.getClassSchema(), salt + "/" + split.key()));
    }
  }

  /** Appends one example to a split. */
  public void append(Split split, Example example) {
    ContainerWriter<Example> writer = writers.get(split);
    writer.append(example);
    if (writer.count() % PROGRESS_EVERY == 0) {
      progress.onProgress(split, writer.count(), expected.getOrDefault(split, writer.count()));
    }
  }

  /** Closes every file, moves them into place and describes the result. */
  public CrossDomainData finish(DomainSchema source, DomainSchema target, String description) {
    Map<String, Long> counts = new TreeMap<>();
    for (Split split : Split.values()) {
      ContainerWriter<Example> writer = writers.get(split);
      writer.close();
      counts.put(split.key(), writer.count());
      progress.onProgress(split, writer.count(), writer.count());
      try {
        Files.move(temporary(split), directory.resolve(split.fileName()), StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot move " + temporary(split) + " into place", e);
      }
    }
    finished = true;
    return new CrossDomainData(source, target,
        directory.resolve(Split.SOURCE_TRAIN.fileName()),
        directory.resolve(Split.SOURCE_VALID.fileName()),
        directory.resolve(Split.TARGET_TRAIN.fileName()),
        directory.resolve(Split.TARGET_VALID.fileName()),
        directory.resolve(Split.TARGET_TEST.fileName()),
        counts, description);
  }

  /** Closes and deletes unfinished temporary files; does nothing after {@link #finish}. */
  @Override
  public void close() {
    if (finished) {
      return;
    }
    for (Split split : Split.values()) {
      try {
        writers.get(split).close();
      } catch (UncheckedIOException e) {
        // already failing; the temporary file is removed below either way
      }
      try {
        Files.deleteIfExists(temporary(split));
      } catch (IOException e) {
        // best effort: a leftover *.tmp file is never mistaken for a split
      }
    }
    finished = true;
  }

  private Path temporary(Split split) {
    return directory.resolve(split.fileName() + ".tmp");
  }
}
