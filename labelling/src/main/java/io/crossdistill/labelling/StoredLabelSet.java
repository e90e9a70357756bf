package io.crossdistill.labelling;

import io.crossdistill.aligner.AlignedTask;
import io.crossdistill.schemas.AvroContainers;
import io.crossdistill.schemas.ContainerReader;
import io.crossdistill.schemas.ContentHash;
import io.crossdistill.v1.AlignedLabel;
import io.crossdistill.v1.DeadLetter;
import io.crossdistill.v1.Provenance;
import io.crossdistill.v1.TaskLabel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A complete label set of a {@link LabelStore}: its manifest and its shards, read in input order. The
 * students read their teacher labels through it ({@link LabelSetReader}).
 */
public final class StoredLabelSet implements LabelSetReader {

  private final Path dir;
  private final LabelSetManifest manifest;
  private final List<AlignedTask> columns;

  StoredLabelSet(Path dir, LabelSetManifest manifest) {
    this.dir = dir;
    this.manifest = manifest;
    this.columns = manifest.alignedColumns();
  }

  /** Opens the complete label set in {@code dir} (one with a manifest). */
  public static StoredLabelSet open(Path dir) {
    return new StoredLabelSet(dir, LabelSetManifest.read(dir));
  }

  public Path dir() {
    return dir;
  }

  public LabelSetManifest manifest() {
    return manifest;
  }

  @Override
  public List<AlignedTask> columns() {
    return columns;
  }

  @Override
  public Optional<Provenance> provenance() {
    return manifest.counts().labels() == 0 ? Optional.empty() : Optional.of(manifest.provenance().toProvenance());
  }

  @Override
  public void forEachRow(BiConsumer<String, float[]> row) {
    int width = columns.size();
    float[] values = new float[width];
    for (LabelSetManifest.Shard shard : manifest.shards()) {
      Path file = dir.resolve(shard.labels());
      try (ContainerReader<AlignedLabel> in = AvroContainers.reader(file, AlignedLabel.class)) {
        for (AlignedLabel label : in) {
          List<TaskLabel> stored = label.getLabels();
          if (stored.size() != width) {
            throw new IllegalStateException("label of example " + label.getExampleId() + " in " + file + " has "
                + stored.size() + " columns, expected " + width);
          }
          for (int c = 0; c < width; c++) {
            values[c] = stored.get(c).getValue();
          }
          row.accept(label.getExampleId(), values);
        }
      }
    }
  }

  /** Streams every label record, in input order. */
  public void forEachLabel(Consumer<AlignedLabel> label) {
    for (LabelSetManifest.Shard shard : manifest.shards()) {
      try (ContainerReader<AlignedLabel> in = AvroContainers.reader(dir.resolve(shard.labels()), AlignedLabel.class)) {
        in.forEach(label);
      }
    }
  }

  /** Streams every dead letter, in input order. */
  public void forEachDeadLetter(Consumer<DeadLetter> deadLetter) {
    for (LabelSetManifest.Shard shard : manifest.shards()) {
      try (ContainerReader<DeadLetter> in = AvroContainers.reader(dir.resolve(shard.deadLetters()), DeadLetter.class)) {
        in.forEach(deadLetter);
      }
    }
  }

  /** Every shard file whose content hash is not the manifest's, with both hashes; empty when intact. */
  public List<String> verify() {
    List<String> problems = new ArrayList<>();
    for (LabelSetManifest.Shard shard : manifest.shards()) {
      check(shard.labels(), shard.labelsSha256(), problems);
      check(shard.deadLetters(), shard.deadLettersSha256(), problems);
    }
    return problems;
  }

  private void check(String file, String expected, List<String> problems) {
    Path path = dir.resolve(file);
    if (!path.toFile().isFile()) {
      problems.add(file + ": missing");
      return;
    }
    String actual = ContentHash.ofFile(path);
    if (!actual.equals(expected)) {
      problems.add(file + ": content hash " + actual + ", manifest says " + expected);
    }
  }
}
