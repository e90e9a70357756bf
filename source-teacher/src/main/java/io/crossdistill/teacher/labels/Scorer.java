package io.crossdistill.teacher.labels;

import io.crossdistill.labelling.ServingTeacher;
import io.crossdistill.mapper.BadRecord;
import io.crossdistill.schemas.ContentHash;
import io.crossdistill.schemas.TeacherInputBatch;
import io.crossdistill.schemas.TeacherInputLayout;
import io.crossdistill.teacher.metrics.ServiceMetrics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;

/**
 * Maps target records to teacher input rows and scores them with the teacher, asking the teacher output
 * cache first: only the rows it does not know go through one forward pass, and their answers are kept.
 */
public final class Scorer {

  /** A record that could not be mapped: its position in the request and the reasons. */
  public record Refused(int index, String recordId, List<String> errors) {
  }

  /**
   * The scored rows.
   *
   * @param rows       rows scored
   * @param outputs    teacher outputs, {@code rows × heads}
   * @param inputIndex for each row, the position of its record in the input list
   * @param exampleIds for each row, the record's id
   * @param refused    records that could not be mapped
   * @param cacheHits  rows answered from the cache
   */
  public record Scored(int rows, float[] outputs, int[] inputIndex, String[] exampleIds, List<Refused> refused,
      int cacheHits) {
  }

  private final TeacherOutputCache cache;
  private final ServiceMetrics metrics;

  public Scorer(TeacherOutputCache cache, ServiceMetrics metrics) {
    this.cache = cache;
    this.metrics = metrics;
  }

  /**
   * Scores {@code records}; {@code null} entries (records that could not be decoded) are skipped.
   *
   * @param useCache false to bypass the cache (both reading and filling it)
   */
  public Scored score(MappingRuntime mapping, ServingTeacher.Lease teacher, List<GenericRecord> records, boolean useCache) {
    int n = records.size();
    TeacherInputLayout layout = TeacherInputLayout.of(mapping.signature());
    TeacherInputBatch batch = layout.newBatch(Math.max(1, n));
    int[] inputIndex = new int[n];
    String[] ids = new String[n];
    List<Refused> refused = new ArrayList<>();
    RecordIds recordIds = new RecordIds(mapping.spec().recordIdField());
    mapping.withMapper(mapper -> {
      List<BadRecord> bad = new ArrayList<>(1);
      for (int i = 0; i < n; i++) {
        GenericRecord record = records.get(i);
        if (record == null) {
          continue;
        }
        int row = batch.size();
        bad.clear();
        if (mapper.map(record, batch, bad::add)) {
          inputIndex[row] = i;
          ids[row] = recordIds.of(record, i);
        } else {
          refused.add(new Refused(i, bad.isEmpty() ? recordIds.of(record, i) : bad.get(0).recordId(),
              bad.stream().map(BadRecord::describe).toList()));
        }
      }
    });
    int rows = batch.size();
    int heads = teacher.headCount();
    float[] outputs = new float[rows * heads];
    boolean cached = useCache && cache.enabled();
    TeacherOutputCache.Key[] keys = new TeacherOutputCache.Key[rows];
    int[] missRows = new int[rows];
    int misses = 0;
    for (int r = 0; r < rows; r++) {
      if (cached) {
        keys[r] = key(teacher.contentHash(), mapping.ref(), batch, r);
        float[] hit = cache.get(keys[r]);
        if (hit != null) {
          System.arraycopy(hit, 0, outputs, r * heads, heads);
          continue;
        }
      }
      missRows[misses++] = r;
    }
    if (misses > 0) {
      TeacherInputBatch missBatch = misses == rows ? batch : gather(batch, missRows, misses);
      float[] missOut = misses == rows ? outputs : new float[misses * heads];
      long start = System.nanoTime();
      teacher.predict(missBatch, missOut);
      metrics.teacherForward(System.nanoTime() - start, misses);
      for (int m = 0; m < misses; m++) {
        int r = missRows[m];
        if (missOut != outputs) {
          System.arraycopy(missOut, m * heads, outputs, r * heads, heads);
        }
        if (cached) {
          float[] answer = new float[heads];
          System.arraycopy(outputs, r * heads, answer, 0, heads);
          cache.put(keys[r], answer);
        }
      }
    }
    return new Scored(rows, outputs, java.util.Arrays.copyOf(inputIndex, rows), java.util.Arrays.copyOf(ids, rows),
        refused, rows - misses);
  }

  private static TeacherInputBatch gather(TeacherInputBatch from, int[] rows, int count) {
    TeacherInputLayout layout = from.layout();
    TeacherInputBatch to = layout.newBatch(count);
    int nw = layout.numericWidth();
    int iw = layout.idCount();
    int sw = layout.stringCount();
    for (int m = 0; m < count; m++) {
      int r = rows[m];
      System.arraycopy(from.numeric(), r * nw, to.numeric(), m * nw, nw);
      System.arraycopy(from.ids(), r * iw, to.ids(), m * iw, iw);
      System.arraycopy(from.strings(), r * sw, to.strings(), m * sw, sw);
    }
    to.setSize(count);
    return to;
  }

  static TeacherOutputCache.Key key(String teacherHash, String mapping, TeacherInputBatch batch, int row) {
    TeacherInputLayout layout = batch.layout();
    int nw = layout.numericWidth();
    int iw = layout.idCount();
    int sw = layout.stringCount();
    ByteBuffer bytes = ByteBuffer.allocate(4 * nw + 8 * iw);
    for (int c = 0; c < nw; c++) {
      bytes.putInt(Float.floatToIntBits(batch.numeric()[row * nw + c]));
    }
    for (int c = 0; c < iw; c++) {
      bytes.putLong(batch.ids()[row * iw + c]);
    }
    MessageDigest digest = ContentHash.sha256();
    digest.update(bytes.array());
    for (int c = 0; c < sw; c++) {
      String s = batch.strings()[row * sw + c];
      digest.update((byte) (s == null ? 0 : 1));
      if (s != null) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(utf8.length).array());
        digest.update(utf8);
      }
    }
    ByteBuffer hash = ByteBuffer.wrap(digest.digest());
    return new TeacherOutputCache.Key(teacherHash, mapping, hash.getLong(), hash.getLong());
  }
}
