package io.crossdistill.student.internal.report;

import io.crossdistill.student.ScoredSplit;
import io.crossdistill.student.ScoredTask;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The test examples of one comparison group, in the order of a reference run: puts every other run's
 * outputs into that order (by example id) and draws bootstrap resamples of the labelled examples, so
 * that paired runs are always resampled alike.
 */
final class ExampleAlignment {

  private final List<String> ids;
  private final int[] labelledRows;

  ExampleAlignment(List<String> ids, float[] referenceLabels) {
    this.ids = ids;
    int n = 0;
    int[] rows = new int[referenceLabels.length];
    for (int r = 0; r < referenceLabels.length; r++) {
      if (!Float.isNaN(referenceLabels[r])) {
        rows[n++] = r;
      }
    }
    this.labelledRows = Arrays.copyOf(rows, n);
  }

  /** The number of examples, labelled or not. */
  int size() {
    return ids.size();
  }

  /** {outputs, labels} of one task of {@code split}, in the reference order. */
  float[][] align(ScoredSplit split, String task, String runLabel) {
    ScoredTask scored = split.task(task)
        .orElseThrow(() -> new IllegalArgumentException(runLabel + " has no scores for task " + task));
    float[] outputs = scored.outputs();
    float[] labels = scored.labels();
    if (split.exampleIds().equals(ids)) {
      return new float[][] {outputs, labels};
    }
    Map<String, Integer> own = new HashMap<>();
    for (int r = 0; r < split.exampleIds().size(); r++) {
      own.put(split.exampleIds().get(r), r);
    }
    float[] alignedOutputs = new float[ids.size()];
    float[] alignedLabels = new float[ids.size()];
    for (int r = 0; r < ids.size(); r++) {
      Integer row = own.get(ids.get(r));
      if (row == null) {
        throw new IllegalArgumentException(runLabel + " has no score for test example " + ids.get(r)
            + " that the baseline has");
      }
      alignedOutputs[r] = outputs[row];
      alignedLabels[r] = labels[row];
    }
    return new float[][] {alignedOutputs, alignedLabels};
  }

  /** One resample: {@code multiplicity[r]} = how often row r was drawn, over the labelled rows. */
  void draw(SplittableRandom random, int[] multiplicity) {
    Arrays.fill(multiplicity, 0);
    int n = labelledRows.length;
    // two draws from each 64-bit number, each mapped to [0, n) by multiply-shift (Lemire): the bias,
    // under n / 2^32, is far below what 1,000 resamples can resolve
    for (int k = 0; k < n; k += 2) {
      long bits = random.nextLong();
      multiplicity[labelledRows[(int) (((bits >>> 32) * n) >>> 32)]]++;
      if (k + 1 < n) {
        multiplicity[labelledRows[(int) (((bits & 0xffffffffL) * n) >>> 32)]]++;
      }
    }
  }
}
