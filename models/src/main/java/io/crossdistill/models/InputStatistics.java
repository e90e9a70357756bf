package io.crossdistill.models;

import io.crossdistill.schemas.TeacherInputLayout;
import io.crossdistill.v1.FeatureStatistics;
import io.crossdistill.v1.TeacherInput;
import io.crossdistill.v1.TeacherSignature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Training distributions of numeric inputs, as {@link FeatureStatistics} for a teacher signature, so
 * that drift between the teacher's training data and mapped target data can be measured later.
 *
 * <p>Bins are equal-frequency: the inner edges are the 10%, 20%, …, 90% order statistics (value at
 * sorted index {@code floor(k·n/10)}), with repeated edges merged, so discrete features get fewer bins.
 * A value {@code v} falls in bin {@code i} when exactly {@code i} edges are {@code <= v}; the first and
 * last bins are open-ended. {@code std} is the population standard deviation. NaN values are skipped.
 */
public final class InputStatistics {

  private static final int BINS = 10;

  private InputStatistics() {
  }

  /** Statistics of a sample of values. */
  public static FeatureStatistics of(float[] values) {
    double[] sorted = new double[values.length];
    int n = 0;
    for (float v : values) {
      if (!Float.isNaN(v)) {
        sorted[n++] = v;
      }
    }
    sorted = Arrays.copyOf(sorted, n);
    if (n == 0) {
      return FeatureStatistics.newBuilder().setCount(0).setMean(0).setStd(0).setMin(0).setMax(0)
          .setBinEdges(List.of()).setBinFractions(List.of()).build();
    }
    Arrays.sort(sorted);
    double sum = 0;
    for (double v : sorted) {
      sum += v;
    }
    double mean = sum / n;
    double squares = 0;
    for (double v : sorted) {
      squares += (v - mean) * (v - mean);
    }
    List<Double> edges = new ArrayList<>();
    for (int k = 1; k < BINS; k++) {
      double edge = sorted[(int) ((long) k * n / BINS)];
      if (edges.isEmpty() || edges.get(edges.size() - 1) < edge) {
        edges.add(edge);
      }
    }
    List<Double> fractions = new ArrayList<>(edges.size() + 1);
    int below = 0;
    for (double edge : edges) {
      int upTo = lowerBound(sorted, edge);
      fractions.add((double) (upTo - below) / n);
      below = upTo;
    }
    fractions.add((double) (n - below) / n);
    return FeatureStatistics.newBuilder()
        .setCount(n)
        .setMean(mean)
        .setStd(Math.sqrt(squares / n))
        .setMin(sorted[0])
        .setMax(sorted[n - 1])
        .setBinEdges(edges)
        .setBinFractions(fractions)
        .build();
  }

  /** Statistics of columns {@code first..first+width-1} of a table, pooled (one for a FLOAT, several for a vector). */
  public static FeatureStatistics ofColumns(TabularData data, int first, int width) {
    Objects.checkFromIndexSize(first, width, data.numericWidth());
    float[] values = new float[data.rows() * width];
    for (int r = 0; r < data.rows(); r++) {
      for (int c = 0; c < width; c++) {
        values[r * width + c] = data.numeric(r, first + c);
      }
    }
    return of(values);
  }

  /**
   * A copy of the signature whose FLOAT and FLOAT_VECTOR inputs carry the statistics of their columns in
   * {@code data} (laid out as {@link TeacherInputLayout#of(TeacherSignature)} says).
   *
   * @throws IllegalArgumentException when the table's numeric width does not match the signature's layout
   */
  public static TeacherSignature withStatistics(TeacherSignature signature, TabularData data) {
    TeacherInputLayout layout = TeacherInputLayout.of(signature);
    if (layout.numericWidth() != data.numericWidth()) {
      throw new IllegalArgumentException("signature '" + signature.getTeacherId() + "' has " + layout.numericWidth()
          + " numeric columns, the data has " + data.numericWidth());
    }
    TeacherSignature copy = TeacherSignature.newBuilder(signature).build();
    List<TeacherInput> inputs = copy.getInputs();
    for (int i = 0; i < inputs.size(); i++) {
      TeacherInputLayout.Slot slot = layout.inputs().get(i);
      if (slot.buffer() == TeacherInputLayout.Buffer.NUMERIC) {
        inputs.get(i).setStatistics(ofColumns(data, slot.offset(), slot.width()));
      }
    }
    return copy;
  }

  private static int lowerBound(double[] sorted, double value) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
