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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Writes one label set as shards, each covering a fixed number of input records, with a checkpoint
 * committed after each shard: the shard's two files are written aside, forced to disk and renamed into
 * place, then the checkpoint naming them is replaced atomically. A run killed at any instant leaves a
 * checkpoint that covers exactly the shards it names; opening the writer again deletes whatever else lies
 * in the directory, and the job continues from the first input record no shard covers. Shard files salt
 * their Avro sync markers with the set's id and the shard's name (never a path), so the same labels give
 * the same bytes in any directory on any machine.
 *
 * <p>Encoding and compressing the records runs on a writer thread of its own, one batch behind the caller
 * (what {@link #consumed} hands over is appended while the caller labels the next batch), so that it
 * overlaps the teacher's forward pass; each file still gets its records in the order they came, and a
 * shard is committed only once every record handed over is appended.
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
  /** Records of the batch being labelled, handed to the writer thread by {@link #consumed}. */
  private List<AlignedLabel> labelBuffer = new ArrayList<>();
  private List<DeadLetter> deadBuffer = new ArrayList<>();
  /** Records the writer thread appends (or appended), reused once it is done with them. */
  private List<AlignedLabel> appendingLabels = new ArrayList<>();
  private List<DeadLetter> appendingDead = new ArrayList<>();
  private ExecutorService appender;
  private Future<?> appending;

  static final String LOCK = ".lock";
  /** Held while this writer works on the set, so no other process or job writes it at the same time. */
  private final java.nio.channels.FileChannel lock;

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
    this.lock = lock(dir);
    try {
      Checkpoint checkpoint = readCheckpoint();
      if (!checkpoint.shards().isEmpty()) {
        this.shardRecords = checkpoint.shardRecords();
      }
      this.shards = new ArrayList<>(checkpoint.shards());
      this.previousTeacherNanos = checkpoint.teacherNanos();
      this.previousWallNanos = checkpoint.wallNanos();
      this.runs = checkpoint.runs() + 1;
      removeUncommitted();
    } catch (RuntimeException e) {
      unlock(false);
      throw e;
    }
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
    labelBuffer.add(label);
    shardLabels++;
  }

  @Override
  public void reject(int index, DeadLetter deadLetter) {
    open();
    deadBuffer.add(deadLetter);
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
    handOver();
    if (shardInput == shardRecords) {
      commitShard();
    }
  }

  /** Commits the last shard and returns the committed shards and cost. */
  Checkpoint finish() {
    try {
      if (shardInput > 0) {
        commitShard();
      }
    } finally {
      stopAppender();
    }
    return new Checkpoint(key.id(), shardRecords, List.copyOf(shards), previousTeacherNanos + teacherNanos,
        previousWallNanos + (System.nanoTime() - startNanos), runs);
  }

  /** Closes open files without committing (a failed or cancelled run); the checkpoint stays. */
  void abandon() {
    try {
      awaitAppended();
    } catch (RuntimeException e) {
      // the run failed already; its partial files are removed when the set is opened again
    }
    stopAppender();
    closeQuietly();
    unlock(false);
  }

  private static java.nio.channels.FileChannel lock(Path dir) {
    try {
      java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(dir.resolve(LOCK),
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
      java.nio.channels.FileLock held;
      try {
        held = channel.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException e) {
        held = null;
      }
      if (held == null) {
        channel.close();
        throw new IllegalStateException("the label set in " + dir + " is being written by another job or process; "
            + "wait for it to end (a job with the same key then finds its set)");
      }
      return channel;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock the label set directory " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Releases the set's lock (closing the channel drops it); {@code remove} deletes the lock file of a complete set. */
  private void unlock(boolean remove) {
    try {
      if (lock.isOpen()) {
        if (remove) {
          Files.deleteIfExists(dir.resolve(LOCK));
        }
        lock.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the lock of the label set in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Hands the buffered records to the writer thread, once it has appended the ones handed over before
   * (so at most one batch is in flight) and rethrows what failed there.
   */
  private void handOver() {
    awaitAppended();
    if (labelBuffer.isEmpty() && deadBuffer.isEmpty()) {
      return;
    }
    List<AlignedLabel> toLabels = labelBuffer;
    List<DeadLetter> toDead = deadBuffer;
    ContainerWriter<AlignedLabel> labelFile = labels;
    ContainerWriter<DeadLetter> deadFile = dead;
    labelBuffer = appendingLabels;
    deadBuffer = appendingDead;
    labelBuffer.clear();
    deadBuffer.clear();
    appendingLabels = toLabels;
    appendingDead = toDead;
    if (appender == null) {
      appender = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "label-set-writer");
        thread.setDaemon(true);
        return thread;
      });
    }
    appending = appender.submit(() -> {
      for (AlignedLabel label : toLabels) {
        labelFile.append(label);
      }
      for (DeadLetter letter : toDead) {
        deadFile.append(letter);
      }
    });
  }

  /** Waits until the writer thread has appended everything handed to it; rethrows its failure. */
  private void awaitAppended() {
    Future<?> pending = appending;
    if (pending == null) {
      return;
    }
    appending = null;
    try {
      pending.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("writing the label set in " + dir + " failed: " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing the label set in " + dir, e);
    }
  }

  private void stopAppender() {
    if (appender != null) {
      appender.shutdownNow();
      appender = null;
    }
  }

  /** Removes the checkpoint once the manifest is in place. */
  void removeCheckpoint() {
    try {
      Files.deleteIfExists(dir.resolve(CHECKPOINT));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + dir.resolve(CHECKPOINT) + ": " + e.getMessage(), e);
    }
    unlock(true);
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
    handOver();
    awaitAppended();
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
