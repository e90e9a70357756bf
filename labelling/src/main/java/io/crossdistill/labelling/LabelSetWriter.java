package io.crossdistill.labelling;

import io.crossdistill.schemas.AvroContainers;
import io.crossdistill.schemas.ContainerWriter;
import io.crossdistill.schemas.ContentHash;
import io.crossdistill.v1.AlignedLabel;
import io.crossdistill.v1.DeadLetter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes one label set as shards, each covering a fixed number of input records, with a checkpoint
 * committed after each shard: the shard's two files are written aside, forced to disk and renamed into
 * place, then the checkpoint naming them is replaced atomically. A run killed at any instant leaves a
 * checkpoint that covers exactly the shards it names; opening the writer again deletes whatever else lies
 * in the directory, and the job continues from the first input record no shard covers. Shard files salt
 * their Avro sync markers with the set's id and the shard's name (never a path), so the same labels give
 * the same bytes in any directory on any machine.
 */
final class LabelSetWriter implements LabelSink {

  static final String CHECKPOINT = "checkpoint.json";

  /** What the committed shards cover, and what they cost to make. */
  record Checkpoint(String id, int shardRecords, List<LabelSetManifest.Shard> shards, long teacherNanos, long wallNanos,
      int runs) {
  }

  private final Path dir;
  private final LabelSetKey key;
  private int shardRecords;
  private final List<LabelSetManifest.Shard> shards;
  private final long previousTeacherNanos;
  private final long previousWallNanos;
  private final int runs;
  private long shardInput;
  private long shardLabels;
  private long shardDead;
  private ContainerWriter<AlignedLabel> labels;
  private ContainerWriter<DeadLetter> dead;
  private long teacherNanos;
  private final long startNanos = System.nanoTime();

  LabelSetWriter(Path dir, LabelSetKey key, int shardRecords) {
    if (shardRecords < 1) {
      throw new IllegalArgumentException("shardRecords must be at least 1, got " + shardRecords);
    }
    this.dir = dir;
    this.key = key;
    this.shardRecords = shardRecords;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the label set directory " + dir + ": " + e.getMessage(), e);
    }
    Checkpoint checkpoint = readCheckpoint();
    if (!checkpoint.shards().isEmpty()) {
      this.shardRecords = checkpoint.shardRecords();
    }
    this.shards = new ArrayList<>(checkpoint.shards());
    this.previousTeacherNanos = checkpoint.teacherNanos();
    this.previousWallNanos = checkpoint.wallNanos();
    this.runs = checkpoint.runs() + 1;
    removeUncommitted();
  }

  /** Input records the committed shards cover: where this run starts. */
  long committedInput() {
    return shards.stream().mapToLong(LabelSetManifest.Shard::input).sum();
  }

  /** True when the writer has resumed from a checkpoint. */
  boolean resumed() {
    return !shards.isEmpty();
  }

  /** Input records the open shard still takes before it is committed. */
  int remainingInShard() {
    return (int) (shardRecords - shardInput);
  }

  /** Adds teacher time spent on the records of the open shard. */
  void teacherTime(long nanos) {
    teacherNanos += nanos;
  }

  @Override
  public void accept(int index, AlignedLabel label) {
    open();
    labels.append(label);
    shardLabels++;
  }

  @Override
  public void reject(int index, DeadLetter deadLetter) {
    open();
    dead.append(deadLetter);
    shardDead++;
  }

  /** Counts {@code records} input records as done (their labels and dead letters are in); commits a full shard. */
  void consumed(int records) {
    shardInput += records;
    if (shardInput > shardRecords) {
      throw new IllegalStateException("a batch crossed a shard boundary: " + shardInput + " > " + shardRecords);
    }
    if (shardLabels + shardDead != shardInput) {
      throw new IllegalStateException("shard " + shards.size() + " holds " + shardLabels + " labels and " + shardDead
          + " dead letters for " + shardInput + " input records");
    }
    if (shardInput == shardRecords) {
      commitShard();
    }
  }

  /** Commits the last shard and returns the committed shards and cost. */
  Checkpoint finish() {
    if (shardInput > 0) {
      commitShard();
    }
    return new Checkpoint(key.id(), shardRecords, List.copyOf(shards), previousTeacherNanos + teacherNanos,
        previousWallNanos + (System.nanoTime() - startNanos), runs);
  }

  /** Closes open files without committing (a failed or cancelled run); the checkpoint stays. */
  void abandon() {
    closeQuietly();
  }

  /** Removes the checkpoint once the manifest is in place. */
  void removeCheckpoint() {
    try {
      Files.deleteIfExists(dir.resolve(CHECKPOINT));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + dir.resolve(CHECKPOINT) + ": " + e.getMessage(), e);
    }
  }

  private void open() {
    if (labels == null) {
      String name = name(shards.size());
      try {
        labels = AvroContainers.writer(partial("labels-" + name), AlignedLabel.getClassSchema(),
            key.id() + "/labels-" + name);
        dead = AvroContainers.writer(partial("dead-letters-" + name), DeadLetter.getClassSchema(),
            key.id() + "/dead-letters-" + name);
      } catch (UncheckedIOException e) {
        // the writer's message names only the file; say which set and shard, and why
        throw new UncheckedIOException("cannot write shard " + name + " of the label set in " + dir + ": "
            + e.getCause(), e.getCause());
      }
    }
  }

  private void commitShard() {
    open();
    String name = name(shards.size());
    labels.close();
    dead.close();
    labels = null;
    dead = null;
    String labelFile = "labels-" + name;
    String deadFile = "dead-letters-" + name;
    try {
      AtomicFiles.force(partial(labelFile));
      AtomicFiles.force(partial(deadFile));
      String labelHash = ContentHash.ofFile(partial(labelFile));
      String deadHash = ContentHash.ofFile(partial(deadFile));
      AtomicFiles.move(partial(labelFile), dir.resolve(labelFile));
      AtomicFiles.move(partial(deadFile), dir.resolve(deadFile));
      shards.add(new LabelSetManifest.Shard(labelFile, deadFile, committedInput(), shardInput, shardLabels, shardDead,
          labelHash, deadHash));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit shard " + name + " of the label set in " + dir + ": "
          + e.getMessage(), e);
    }
    long now = System.nanoTime();
    Checkpoint checkpoint = new Checkpoint(key.id(), shardRecords, shards, previousTeacherNanos + teacherNanos,
        previousWallNanos + (now - startNanos), runs);
    try {
      AtomicFiles.write(dir.resolve(CHECKPOINT), LabelSetManifest.JSON.writeValueAsBytes(checkpoint));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    shardInput = 0;
    shardLabels = 0;
    shardDead = 0;
  }

  private Path partial(String file) {
    return dir.resolve("." + file + ".partial");
  }

  private static String name(int shard) {
    return String.format(Locale.ROOT, "%05d.avro", shard);
  }

  private Checkpoint readCheckpoint() {
    Path file = dir.resolve(CHECKPOINT);
    if (!Files.exists(file)) {
      return new Checkpoint(key.id(), shardRecords, List.of(), 0, 0, 0);
    }
    try {
      Checkpoint checkpoint = LabelSetManifest.JSON.readValue(Files.readAllBytes(file), Checkpoint.class);
      if (!key.id().equals(checkpoint.id())) {
        throw new IllegalStateException(file + " belongs to label set " + checkpoint.id() + ", not " + key.id());
      }
      return checkpoint;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the checkpoint " + file + ": " + e.getMessage(), e);
    }
  }

  /** Deletes every shard file and partial the checkpoint does not name (what a killed run left). */
  private void removeUncommitted() {
    Set<String> keep = new HashSet<>();
    for (LabelSetManifest.Shard shard : shards) {
      keep.add(shard.labels());
      keep.add(shard.deadLetters());
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        boolean shardFile = name.startsWith("labels-") || name.startsWith("dead-letters-");
        boolean partial = name.endsWith(".partial") || name.endsWith(".tmp");
        if ((shardFile && !keep.contains(name)) || partial) {
          Files.delete(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean the label set directory " + dir + ": " + e.getMessage(), e);
    }
  }

  private void closeQuietly() {
    try {
      if (labels != null) {
        labels.close();
      }
      if (dead != null) {
        dead.close();
      }
    } catch (RuntimeException e) {
      // the run failed already; its partial files are removed when the set is opened again
    } finally {
      labels = null;
      dead = null;
    }
  }
}
