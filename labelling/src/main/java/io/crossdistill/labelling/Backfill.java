package io.crossdistill.labelling;

import io.crossdistill.mapper.CoverageAnalyzer;
import io.crossdistill.mapper.DriftThresholds;
import io.crossdistill.schemas.ContentHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import org.apache.avro.generic.IndexedRecord;

/**
 * A batch label backfill: every record of a {@link RecordSource} through one {@link LabelPath} and one
 * teacher version into a label set of a {@link LabelStore}. Records stream through in batches (memory
 * stays flat however large the input), a checkpoint is committed with each shard, and a job started
 * again after any failure — a kill -9 included — resumes after the last committed shard and yields the
 * same bytes as an uninterrupted run. A job whose set exists already (same key) returns it at once and
 * counts the teacher time it saved.
 */
public final class Backfill {

  /** Default rows per teacher forward pass. */
  public static final int DEFAULT_BATCH_ROWS = 512;
  /** Default input records per shard. */
  public static final int DEFAULT_SHARD_RECORDS = 100_000;
  /** Records the manifest's coverage and drift summary is computed over (the first ones). */
  public static final int COVERAGE_SAMPLE = 10_000;

  /**
   * Job settings.
   *
   * @param batchRows rows per forward pass
   * @param shardRecords input records per shard (and per checkpoint); a resumed job keeps the value its
   *     checkpoint was written with, and two jobs give the same bytes when they use the same value
   */
  public record Options(int batchRows, int shardRecords) {

    public Options {
      if (batchRows < 1 || shardRecords < 1) {
        throw new IllegalArgumentException("batchRows and shardRecords must be at least 1");
      }
    }

    public static Options defaults() {
      return new Options(DEFAULT_BATCH_ROWS, DEFAULT_SHARD_RECORDS);
    }
  }

  /** Follows a running job. */
  public interface Listener {

    /** The job starts (or resumes) at input record {@code from}; {@code total} when known. */
    default void started(long from, OptionalLong total) {
    }

    /** {@code done} input records are labelled or dead-lettered, of {@code total} when known. */
    default void progress(long done, OptionalLong total, long labels, long deadLetters) {
    }
  }

  /**
   * How a job ended.
   *
   * @param set the label set (complete unless cancelled)
   * @param reused true when the set existed and nothing was labelled
   * @param resumedFrom input records a checkpoint already covered when this run started
   * @param cancelled true when the job stopped on request before the end (its checkpoint stays)
   * @param done input records covered at the end of this run
   */
  public record Outcome(LabelSetKey key, StoredLabelSet set, boolean reused, long resumedFrom, boolean cancelled,
      long done) {
  }

  private Backfill() {
  }

  /** The key of the set a job on {@code path} over {@code source} makes for {@code run}. */
  public static LabelSetKey key(LabelPath path, RecordSource source, RunStamp run) {
    return LabelSetKey.of(path, source.inputHash(), run);
  }

  /**
   * Runs (or resumes, or reuses) the job.
   *
   * @param teacher the version that answers; it must be the one {@code path} was compiled for
   * @param cancelled polled between batches; true stops the job after committing nothing more
   * @throws IllegalArgumentException when the teacher is not the path's version
   */
  public static Outcome run(LabelStore store, LabelPath path, RecordSource source, TeacherForward teacher,
      RunStamp run, Options options, Listener listener, BooleanSupplier cancelled) {
    if (!teacher.signature().getContentHash().equals(path.teacher().getContentHash())) {
      throw new IllegalArgumentException("the label path was compiled for teacher version "
          + path.teacher().getContentHash() + " but " + teacher.signature().getContentHash() + " would answer");
    }
    LabelSetKey key = key(path, source, run);
    var existing = store.find(key);
    if (existing.isPresent()) {
      store.recordReuse(existing.get());
      StoredLabelSet set = StoredLabelSet.open(existing.get().dir());
      return new Outcome(key, set, true, set.manifest().counts().input(), false, set.manifest().counts().input());
    }
    RunStamp stamp = run.withInput(source.inputHash());
    LabelSetWriter writer = new LabelSetWriter(store.dir(key), key, options.shardRecords());
    long from = writer.committedInput();
    OptionalLong total = source.size();
    listener.started(from, total);
    Labeller labeller = path.labeller(options.batchRows());
    List<IndexedRecord> sample = new ArrayList<>();
    List<IndexedRecord> batch = new ArrayList<>(options.batchRows());
    long done = from;
    long labels = 0;
    long dead = 0;
    try {
      // records before the checkpoint are read again only for the coverage sample and to find the place
      for (long read = 0; read < from; read++) {
        RecordSource.Item item = source.next();
        if (item == null) {
          throw new IllegalStateException("the input ended after " + read + " of the " + from
              + " records the checkpoint covers: it changed since the job started");
        }
        if (sample.size() < COVERAGE_SAMPLE && item.record() != null) {
          sample.add(item.record());
        }
      }
      while (true) {
        if (cancelled.getAsBoolean()) {
          writer.abandon();
          return new Outcome(key, null, false, from, true, done);
        }
        batch.clear();
        int want = Math.min(options.batchRows(), writer.remainingInShard());
        int unreadable = 0;
        boolean ended = false;
        while (batch.size() < want) {
          RecordSource.Item item = source.next();
          if (item == null) {
            ended = true;
            break;
          }
          if (item.record() == null) {
            writer.reject(batch.size(), DeadLetters.of(item.key(), DeadLetters.STAGE_READ, item.errors(),
                item.payload()));
            unreadable++;
          } else if (sample.size() < COVERAGE_SAMPLE) {
            sample.add(item.record());
          }
          batch.add(item.record());
        }
        if (!batch.isEmpty()) {
          Labeller.Result result = labeller.label(batch, teacher, stamp, writer);
          writer.teacherTime(result.teacherNanos());
          writer.consumed(batch.size());
          done += batch.size();
          labels += result.labelled();
          dead += result.refused() + unreadable;
          listener.progress(done, total, labels, dead);
        }
        if (ended) {
          break;
        }
      }
    } catch (RuntimeException | Error e) {
      writer.abandon();
      throw e;
    }
    try {
      LabelSetWriter.Checkpoint finished = writer.finish();
      LabelSetManifest manifest = manifest(key, path, source, stamp, teacher, finished, sample);
      store.complete(store.dir(key), manifest);
      writer.removeCheckpoint();
    } catch (RuntimeException | Error e) {
      writer.abandon();
      throw e;
    }
    return new Outcome(key, StoredLabelSet.open(store.dir(key)), false, from, false, done);
  }

  private static LabelSetManifest manifest(LabelSetKey key, LabelPath path, RecordSource source, RunStamp stamp,
      TeacherForward teacher, LabelSetWriter.Checkpoint finished, List<IndexedRecord> sample) {
    long input = 0;
    long labels = 0;
    long dead = 0;
    MessageDigest digest = ContentHash.sha256();
    for (LabelSetManifest.Shard shard : finished.shards()) {
      input += shard.input();
      labels += shard.labelCount();
      dead += shard.deadLetterCount();
      digest.update((shard.labelsSha256() + shard.deadLettersSha256()).getBytes(StandardCharsets.UTF_8));
    }
    if (input != labels + dead) {
      throw new IllegalStateException("label set " + key.id() + ": " + input + " input records but " + labels
          + " labels and " + dead + " dead letters");
    }
    var coverage = CoverageAnalyzer.analyze(path.mapping(), path.teacher(), path.targetSchema(), sample,
        DriftThresholds.defaults());
    return new LabelSetManifest(LabelSetManifest.FORMAT, key.id(), key, source.description(),
        path.columns().stream().map(LabelSetManifest.Column::of).toList(),
        LabelSetManifest.Stamp.of(path.stamp(teacher.signature(), stamp)),
        new LabelSetManifest.Counts(input, labels, dead), finished.shards(), ContentHash.hex(digest),
        LabelSetManifest.Coverage.of(coverage),
        new LabelSetManifest.Cost(finished.teacherNanos() / 1e9, finished.wallNanos() / 1e9, finished.runs()),
        new LabelSetManifest.Reuse(0, 0));
  }
}
