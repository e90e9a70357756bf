package io.crossdistill.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Evaluation metrics on plain arrays, in double precision. Every metric pairs predictions with labels
 * row by row and skips rows whose label is NaN (no label); a metric that has no rows to work on, or is
 * undefined for them (AUC with one class, R² of constant targets), returns NaN.
 *
 * <p>Binary labels are 0 or 1 (a label above 0.5 counts as positive for AUC); binary predictions are
 * logits, as the network's heads output them.
 */
public final class Metrics {

  private static final int CALIBRATION_BINS = 10;

  private Metrics() {
  }

  /**
   * Area under the ROC curve: the probability that a random positive scores above a random negative,
   * tied scores counting one half (average ranks).
   */
  public static double auc(float[] scores, float[] labels) {
    int[] rows = labelledRows(scores, labels);
    int n = rows.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = rows[i];
      if (Float.isNaN(scores[rows[i]])) {
        throw new IllegalArgumentException("score of row " + rows[i] + " is NaN");
      }
    }
    Arrays.sort(order, (a, b) -> Float.compare(scores[a], scores[b]));
    double positiveRankSum = 0;
    long positives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double averageRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (labels[order[k]] > 0.5f) {
          positiveRankSum += averageRank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  /** Mean binary cross-entropy of labels in [0, 1] against sigmoid(logits), computed without overflow. */
  public static double logLoss(float[] logits, float[] labels) {
    int[] rows = labelledRows(logits, labels);
    double sum = 0;
    for (int r : rows) {
      double z = logits[r];
      sum += Math.max(z, 0) - z * labels[r] + Math.log1p(Math.exp(-Math.abs(z)));
    }
    return rows.length == 0 ? Double.NaN : sum / rows.length;
  }

  /** Root mean squared error. */
  public static double rmse(float[] predictions, float[] targets) {
    int[] rows = labelledRows(predictions, targets);
    double sum = 0;
    for (int r : rows) {
      double d = (double) predictions[r] - targets[r];
      sum += d * d;
    }
    return rows.length == 0 ? Double.NaN : Math.sqrt(sum / rows.length);
  }

  /** Coefficient of determination: 1 − residual sum of squares / total sum of squares. */
  public static double r2(float[] predictions, float[] targets) {
    int[] rows = labelledRows(predictions, targets);
    double mean = 0;
    for (int r : rows) {
      mean += targets[r];
    }
    mean /= rows.length;
    double residual = 0;
    double total = 0;
    for (int r : rows) {
      double d = (double) predictions[r] - targets[r];
      double t = targets[r] - mean;
      residual += d * d;
      total += t * t;
    }
    return total == 0 ? Double.NaN : 1 - residual / total;
  }

  /**
   * Expected calibration error over 10 equal-width probability bins: the row-weighted mean over bins of
   * |mean predicted probability − fraction of positives|, with probabilities sigmoid(logits).
   */
  public static double expectedCalibrationError(float[] logits, float[] labels) {
    CalibrationBins bins = new CalibrationBins();
    bins.add(logits, labels);
    return bins.expectedCalibrationError();
  }

  /**
   * The 10 equal-width probability bins behind {@link #expectedCalibrationError}, accumulated over one or
   * more (logits, labels) pairs (rows with a NaN label are left out): the ECE and the points of a
   * reliability diagram come from the same bins.
   */
  public static final class CalibrationBins {

    private final double[] probabilitySum = new double[CALIBRATION_BINS];
    private final double[] labelSum = new double[CALIBRATION_BINS];
    private final int[] count = new int[CALIBRATION_BINS];
    private int rows;

    /** Adds the labelled rows of one set of logits. */
    public void add(float[] logits, float[] labels) {
      for (int r : labelledRows(logits, labels)) {
        double p = sigmoid(logits[r]);
        int bin = Math.min(CALIBRATION_BINS - 1, (int) (p * CALIBRATION_BINS));
        probabilitySum[bin] += p;
        labelSum[bin] += labels[r];
        count[bin]++;
        rows++;
      }
    }

    /** The row-weighted mean over bins of |mean predicted probability − fraction of positives| (NaN: no rows). */
    public double expectedCalibrationError() {
      double ece = 0;
      for (int b = 0; b < CALIBRATION_BINS; b++) {
        if (count[b] > 0) {
          ece += Math.abs(probabilitySum[b] - labelSum[b]) / rows;
        }
      }
      return rows == 0 ? Double.NaN : ece;
    }

    /** {mean predicted probability, observed positive rate} of every non-empty bin, in bin order. */
    public List<double[]> points() {
      List<double[]> points = new ArrayList<>();
      for (int b = 0; b < CALIBRATION_BINS; b++) {
        if (count[b] > 0) {
          points.add(new double[] {probabilitySum[b] / count[b], labelSum[b] / count[b]});
        }
      }
      return points;
    }
  }


  /**
   * Ranks {@code scores} once so that the AUC of any reweighting of the rows (a bootstrap resample,
   * given as how many times each row was drawn) costs O(n) instead of a sort. Rows with a NaN label are
   * left out, as in {@link #auc}; ties count one half, as there.
   */
  public static AucRanking aucRanking(float[] scores, float[] labels) {
    int[] rows = labelledRows(scores, labels);
    long[] keys = new long[rows.length];
    for (int i = 0; i < rows.length; i++) {
      float score = scores[rows[i]];
      if (Float.isNaN(score)) {
        throw new IllegalArgumentException("score of row " + rows[i] + " is NaN");
      }
      // the same order as Float.compare, as a signed int, so that one long sort orders rows by score
      int bits = Float.floatToIntBits(score);
      bits ^= (bits >> 31) & 0x7fffffff;
      keys[i] = ((long) bits << 32) | rows[i];
    }
    Arrays.sort(keys);
    int[] sortedRows = new int[rows.length];
    int[] positiveMask = new int[rows.length];
    boolean[] tiedWithNext = new boolean[rows.length];
    for (int i = 0; i < keys.length; i++) {
      sortedRows[i] = (int) keys[i];
      positiveMask[i] = labels[sortedRows[i]] > 0.5f ? -1 : 0;
      tiedWithNext[i] = i + 1 < keys.length && scores[(int) keys[i + 1]] == scores[sortedRows[i]];
    }
    return new AucRanking(scores.length, sortedRows, positiveMask, tiedWithNext);
  }

  /**
   * Rows sorted by score, from {@link #aucRanking}: {@link #auc(int[])} gives the AUC of the data set in
   * which row r appears {@code multiplicity[r]} times. With every multiplicity 1 it equals
   * {@link Metrics#auc} exactly (both divide the same whole number of half pairs by the same count).
   */
  public static final class AucRanking {

    private final int rowCount;
    private final int[] sortedRows;
    // -1 for a positive row, 0 for a negative one: the bootstrap's hot loop masks instead of branching
    private final int[] positiveMask;
    private final boolean[] tiedWithNext;

    private AucRanking(int rowCount, int[] sortedRows, int[] positiveMask, boolean[] tiedWithNext) {
      this.rowCount = rowCount;
      this.sortedRows = sortedRows;
      this.positiveMask = positiveMask;
      this.tiedWithNext = tiedWithNext;
    }

    /** The AUC with each row counted {@code multiplicity[row]} times; NaN when one class has no weight. */
    public double auc(int[] multiplicity) {
      if (multiplicity.length != rowCount) {
        throw new IllegalArgumentException(multiplicity.length + " multiplicities for " + rowCount + " rows");
      }
      // twice the Mann-Whitney U, in whole numbers: a tie group adds pos * (2 * negatives below + neg)
      long twiceU = 0;
      long negativesBelow = 0;
      long positives = 0;
      long groupPositives = 0;
      long groupNegatives = 0;
      for (int i = 0; i < sortedRows.length; i++) {
        int weight = multiplicity[sortedRows[i]];
        int positiveWeight = weight & positiveMask[i];
        groupPositives += positiveWeight;
        groupNegatives += weight - positiveWeight;
        if (!tiedWithNext[i]) {
          twiceU += groupPositives * (2 * negativesBelow + groupNegatives);
          negativesBelow += groupNegatives;
          positives += groupPositives;
          groupPositives = 0;
          groupNegatives = 0;
        }
      }
      if (positives == 0 || negativesBelow == 0) {
        return Double.NaN;
      }
      return twiceU / (2.0 * positives * negativesBelow);
    }
  }

  /** {@link #r2} of the data set in which row r appears {@code multiplicity[r]} times. */
  public static double r2(float[] predictions, float[] targets, int[] multiplicity) {
    if (predictions.length != targets.length || multiplicity.length != targets.length) {
      throw new IllegalArgumentException(predictions.length + " predictions, " + targets.length + " targets and "
          + multiplicity.length + " multiplicities");
    }
    // called once per bootstrap resample, so one pass without allocation: sums of the weighted targets
    // (shifted by the first target, against cancellation) and of the weighted squared residuals
    double shift = Double.NaN;
    double weight = 0;
    double sum = 0;
    double sumOfSquares = 0;
    double residual = 0;
    for (int r = 0; r < targets.length; r++) {
      int w = multiplicity[r];
      // no test of w == 0: a weightless row adds nothing, and the branch would be unpredictable
      if (!Float.isNaN(targets[r])) {
        if (Double.isNaN(shift)) {
          shift = targets[r];
        }
        double t = targets[r] - shift;
        double d = (double) predictions[r] - targets[r];
        weight += w;
        sum += w * t;
        sumOfSquares += w * t * t;
        residual += w * d * d;
      }
    }
    double total = sumOfSquares - sum * sum / weight;
    return total == 0 ? Double.NaN : 1 - residual / total;
  }

  /** The logistic function, stable for large |x|. */
  public static double sigmoid(double x) {
    return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
  }

  /** One column of a row-major matrix, e.g. one head's outputs from {@link MultiTaskModel#predict}. */
  public static float[] column(float[] matrix, int columns, int column) {
    Objects.checkIndex(column, columns);
    if (matrix.length % columns != 0) {
      throw new IllegalArgumentException("matrix of " + matrix.length + " floats is not a multiple of " + columns + " columns");
    }
    float[] out = new float[matrix.length / columns];
    for (int r = 0; r < out.length; r++) {
      out[r] = matrix[r * columns + column];
    }
    return out;
  }

  private static int[] labelledRows(float[] predictions, float[] labels) {
    if (predictions.length != labels.length) {
      throw new IllegalArgumentException(predictions.length + " predictions but " + labels.length + " labels");
    }
    int n = 0;
    int[] rows = new int[labels.length];
    for (int r = 0; r < labels.length; r++) {
      if (!Float.isNaN(labels[r])) {
        rows[n++] = r;
      }
    }
    return Arrays.copyOf(rows, n);
  }
}
