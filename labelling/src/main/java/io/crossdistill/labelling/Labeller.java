package io.crossdistill.labelling;

import io.crossdistill.aligner.CompiledAlignment;
import io.crossdistill.mapper.BadRecord;
import io.crossdistill.mapper.BadRecordSink;
import io.crossdistill.mapper.CompiledMapper;
import io.crossdistill.schemas.TeacherInputBatch;
import io.crossdistill.schemas.TeacherInputLayout;
import io.crossdistill.v1.DeadLetter;
import io.crossdistill.v1.Provenance;
import io.crossdistill.v1.TeacherSignature;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.IndexedRecord;

/**
 * Labels batches of target records on one {@link LabelPath}: each record through the compiled mapper
 * into a reused input batch, one batched teacher forward pass per batch (rows the {@link ForwardCache}
 * knows skip it), the compiled alignment into a reused output buffer, and one aligned label (with its
 * provenance) or one dead letter (with every reason and the record's bytes) per record into a
 * {@link LabelSink}. Buffers, the mapper, the datum writer and the stamped provenance are reused from
 * batch to batch: the path allocates only the label records themselves. Not thread-safe.
 */
public final class Labeller {

  /**
   * What one call labelled.
   *
   * @param labelled records labelled
   * @param refused records sent to dead letters
   * @param cacheHits rows answered by the cache
   * @param teacherNanos time spent in teacher forward passes
   */
  public record Result(int labelled, int refused, int cacheHits, long teacherNanos) {
  }

  private final LabelPath path;
  private final TeacherInputBatch batch;
  private final int[] inputIndex;
  private final String[] exampleIds;
  private final RecordIds recordIds;
  private final CompiledAlignment alignment;
  private final List<BadRecord> problems = new ArrayList<>(2);
  private final BadRecordSink problemSink = problems::add;
  private float[] outputs;
  private float[] aligned;
  private RecordEncoder<IndexedRecord> encoder;
  private Provenance stampedFor;
  private TeacherSignature stampedTeacher;
  private RunStamp stampedRun;

  Labeller(LabelPath path, int batchRows) {
    if (batchRows < 1) {
      throw new IllegalArgumentException("batchRows must be at least 1, got " + batchRows);
    }
    this.path = path;
    // a batch of the pooled mapper's own layout: the mapper checks each row's batch layout, and the same
    // instance passes at once where an equal one is compared field by field
    CompiledMapper mapper = path.borrowMapper();
    try {
      this.batch = mapper.newBatch(batchRows);
    } finally {
      path.returnMapper(mapper);
    }
    this.inputIndex = new int[batchRows];
    this.exampleIds = new String[batchRows];
    this.recordIds = new RecordIds(path.mapping().recordIdField());
    this.alignment = path.alignment();
    this.outputs = new float[batchRows * path.teacher().getHeads().size()];
    this.aligned = alignment == null ? new float[0] : new float[batchRows * alignment.width()];
  }

  /** The path this labeller labels on. */
  public LabelPath path() {
    return path;
  }

  /** Rows per forward pass. */
  public int batchRows() {
    return batch.capacity();
  }

  /** Labels {@code records} with {@code teacher} and no cache; see {@link #label(List, TeacherForward, RunStamp, LabelSink, ForwardCache)}. */
  public Result label(List<? extends IndexedRecord> records, TeacherForward teacher, RunStamp run, LabelSink sink) {
    return label(records, teacher, run, sink, null);
  }

  /**
   * Labels {@code records} (any number; {@code null} entries were refused before, at decoding, and are
   * skipped) with {@code teacher}, which must have the inputs and heads of the path's signature. Sink
   * indices are positions in {@code records}; labels come in input order, each dead letter before the
   * labels of the records after it in the same forward batch.
   *
   * @param cache teacher outputs known already, or null
   * @throws IllegalStateException on a {@link LabelPath#scoring scoring} path (it has no alignment)
   */
  public Result label(List<? extends IndexedRecord> records, TeacherForward teacher, RunStamp run, LabelSink sink,
      ForwardCache cache) {
    if (alignment == null) {
      throw new IllegalStateException("the path " + path.mappingRef() + " has no alignment: it only scores");
    }
    Provenance provenance = stamp(teacher.signature(), run);
    return walk(records, teacher, cache, sink, rows -> {
      alignment.apply(outputs, rows, aligned);
      for (int r = 0; r < rows; r++) {
        sink.accept(inputIndex[r], alignment.toRecord(exampleIds[r], aligned, r, provenance));
      }
    });
  }

  /**
   * Raw teacher outputs of the records the mapper takes, no alignment (what an alignment is fitted on).
   *
   * @param rows rows scored
   * @param outputs teacher outputs, {@code rows × heads}, heads in signature order
   * @param inputIndex for each row, the position of its record in the input
   * @param exampleIds for each row, the record's id
   * @param cacheHits rows answered by the cache
   */
  public record Scores(int rows, float[] outputs, int[] inputIndex, String[] exampleIds, int cacheHits) {
  }

  /**
   * Scores {@code records} ({@code null} entries skipped); refused records go to {@code refusals} as
   * dead letters, with their positions.
   */
  public Scores score(List<? extends IndexedRecord> records, TeacherForward teacher, ForwardCache cache,
      LabelSink refusals) {
    int heads = teacher.headCount();
    float[] all = new float[records.size() * heads];
    int[] index = new int[records.size()];
    String[] ids = new String[records.size()];
    int[] filled = {0};
    Result result = walk(records, teacher, cache, refusals, rows -> {
      System.arraycopy(outputs, 0, all, filled[0] * heads, rows * heads);
      System.arraycopy(inputIndex, 0, index, filled[0], rows);
      System.arraycopy(exampleIds, 0, ids, filled[0], rows);
      filled[0] += rows;
    });
    int n = filled[0];
    return new Scores(n, java.util.Arrays.copyOf(all, n * heads), java.util.Arrays.copyOf(index, n),
        java.util.Arrays.copyOf(ids, n), result.cacheHits());
  }

  /** Maps the records batch by batch (refusals to {@code sink}), runs each batch's forward pass, hands it on. */
  private Result walk(List<? extends IndexedRecord> records, TeacherForward teacher, ForwardCache cache,
      LabelSink sink, java.util.function.IntConsumer forwarded) {
    int heads = teacher.headCount();
    int labelled = 0;
    int refused = 0;
    int hits = 0;
    long teacherNanos = 0;
    CompiledMapper mapper = path.borrowMapper();
    try {
      int next = 0;
      int n = records.size();
      while (next < n) {
        batch.clear();
        while (next < n && !batch.isFull()) {
          IndexedRecord record = records.get(next);
          if (record != null) {
            int row = batch.size();
            problems.clear();
            if (mapper.map(record, batch, problemSink)) {
              inputIndex[row] = next;
              exampleIds[row] = recordIds.of(record, next);
            } else {
              sink.reject(next, deadLetter(record, next));
              refused++;
            }
          }
          next++;
        }
        int rows = batch.size();
        if (rows == 0) {
          continue;
        }
        Forward forward = forward(teacher, rows, heads, cache);
        hits += forward.hits;
        teacherNanos += forward.nanos;
        forwarded.accept(rows);
        labelled += rows;
      }
    } finally {
      path.returnMapper(mapper);
    }
    return new Result(labelled, refused, hits, teacherNanos);
  }

  private record Forward(int hits, long nanos) {
  }

  private Forward forward(TeacherForward teacher, int rows, int heads, ForwardCache cache) {
    if (cache == null) {
      long start = System.nanoTime();
      teacher.predict(batch, outputs);
      return new Forward(0, System.nanoTime() - start);
    }
    String hash = teacher.signature().getContentHash();
    String mapping = path.mappingRef();
    ForwardCache.Key[] keys = new ForwardCache.Key[rows];
    int[] missRows = new int[rows];
    int misses = 0;
    for (int r = 0; r < rows; r++) {
      keys[r] = ForwardCache.Key.of(hash, mapping, batch, r);
      float[] hit = cache.get(keys[r]);
      if (hit != null) {
        System.arraycopy(hit, 0, outputs, r * heads, heads);
      } else {
        missRows[misses++] = r;
      }
    }
    long nanos = 0;
    if (misses > 0) {
      TeacherInputBatch missBatch = misses == rows ? batch : gather(missRows, misses);
      float[] missOut = misses == rows ? outputs : new float[misses * heads];
      long start = System.nanoTime();
      teacher.predict(missBatch, missOut);
      nanos = System.nanoTime() - start;
      for (int m = 0; m < misses; m++) {
        int r = missRows[m];
        if (missOut != outputs) {
          System.arraycopy(missOut, m * heads, outputs, r * heads, heads);
        }
        float[] answer = new float[heads];
        System.arraycopy(outputs, r * heads, answer, 0, heads);
        cache.put(keys[r], answer);
      }
    }
    return new Forward(rows - misses, nanos);
  }

  private TeacherInputBatch gather(int[] rows, int count) {
    TeacherInputLayout layout = batch.layout();
    TeacherInputBatch to = layout.newBatch(count);
    int nw = layout.numericWidth();
    int iw = layout.idCount();
    int sw = layout.stringCount();
    for (int m = 0; m < count; m++) {
      int r = rows[m];
      System.arraycopy(batch.numeric(), r * nw, to.numeric(), m * nw, nw);
      System.arraycopy(batch.ids(), r * iw, to.ids(), m * iw, iw);
      System.arraycopy(batch.strings(), r * sw, to.strings(), m * sw, sw);
    }
    to.setSize(count);
    return to;
  }

  private Provenance stamp(TeacherSignature teacher, RunStamp run) {
    if (stampedFor == null || teacher != stampedTeacher || !run.equals(stampedRun)) {
      stampedFor = path.stamp(teacher, run);
      stampedTeacher = teacher;
      stampedRun = run;
    }
    return stampedFor;
  }

  private DeadLetter deadLetter(IndexedRecord record, int index) {
    String id = problems.isEmpty() || "?".equals(problems.get(0).recordId())
        ? recordIds.of(record, index) : problems.get(0).recordId();
    return DeadLetters.of(id, DeadLetters.STAGE_MAP, problems.stream().map(BadRecord::describe).toList(),
        encode(record));
  }

  /** The record's Avro binary encoding, kept in its dead letter so that nothing is lost. */
  private byte[] encode(IndexedRecord record) {
    if (encoder == null) {
      encoder = new RecordEncoder<>(record.getSchema());
    }
    return encoder.encode(record);
  }
}
