package io.crossdistill.teacher.training;

import io.crossdistill.mapper.CompiledMapper;
import io.crossdistill.models.TabularData;
import io.crossdistill.schemas.TeacherInputBatch;
import io.crossdistill.v1.Example;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Examples mapped into a model's inputs (rows in the signature's layout) through a compiled mapper, in
 * batches, with the examples' labels for a list of tasks as targets (NaN where unlabelled).
 *
 * @param data the mapped rows
 * @param rejected examples the mapper refused
 * @param firstRejection the reasons of the first refusal, empty when none
 */
public record MappedRows(TabularData data, int rejected, String firstRejection) {

  private static final int BATCH = 1024;

  /** Maps every example; refused ones are counted, never silently dropped. */
  public static MappedRows map(CompiledMapper mapper, Iterable<Example> examples, List<String> tasks) {
    TeacherInputBatch batch = mapper.newBatch(BATCH);
    int width = batch.layout().numericWidth();
    int idCount = batch.layout().idCount();
    int heads = tasks.size();
    float[] numeric = new float[BATCH * width];
    long[] ids = new long[BATCH * idCount];
    float[] targets = new float[BATCH * heads];
    int rows = 0;
    int rejected = 0;
    StringBuilder first = new StringBuilder();
    for (Example e : examples) {
      boolean ok = mapper.map(e, batch, problem -> {
        if (first.isEmpty()) {
          first.append(problem.describe());
        }
      });
      if (!ok) {
        rejected++;
        continue;
      }
      targets = grow(targets, (rows + 1) * heads);
      Map<String, Float> labels = e.getLabels();
      for (int t = 0; t < heads; t++) {
        Float y = labels.get(tasks.get(t));
        targets[rows * heads + t] = y == null ? Float.NaN : y;
      }
      rows++;
      if (batch.isFull()) {
        numeric = grow(numeric, rows * width);
        ids = grow(ids, rows * idCount);
        drain(batch, numeric, ids, rows - batch.size(), width, idCount);
      }
    }
    numeric = grow(numeric, rows * width);
    ids = grow(ids, rows * idCount);
    drain(batch, numeric, ids, rows - batch.size(), width, idCount);
    TabularData data = new TabularData(rows, width, Arrays.copyOf(numeric, rows * width), idCount,
        Arrays.copyOf(ids, rows * idCount), heads, Arrays.copyOf(targets, rows * heads));
    return new MappedRows(data, rejected, first.toString());
  }

  private static void drain(TeacherInputBatch batch, float[] numeric, long[] ids, int firstRow, int width, int idCount) {
    System.arraycopy(batch.numeric(), 0, numeric, firstRow * width, batch.size() * width);
    System.arraycopy(batch.ids(), 0, ids, firstRow * idCount, batch.size() * idCount);
    batch.clear();
  }

  private static float[] grow(float[] array, int needed) {
    return array.length >= needed ? array : Arrays.copyOf(array, Math.max(needed, array.length * 2));
  }

  private static long[] grow(long[] array, int needed) {
    return array.length >= needed ? array : Arrays.copyOf(array, Math.max(needed, array.length * 2));
  }
}
