package io.crossdistill.schemas.metrics;

import java.util.Arrays;
import java.util.Objects;

/**
 * The one implementation of the evaluation metrics — ROC AUC, log loss, expected calibration error, R²,
 * RMSE — on plain arrays, in double precision. Task fit reports (task-aligner), model training, students'
 * metrics and reports (models, target-student) and the teacher search (source-teacher) all score with it.
 * It lives in {@code schemas} because that is the one module both task-aligner and models depend on, and
 * it is plain Java, so the aligner scores without pulling in DJL.
 *
 * <p>Every metric pairs predictions with labels row by row and skips rows whose label is NaN (no label);
 * a metric that has no rows to work on, or is undefined for them (AUC with one class, R² of constant
 * targets), returns NaN. Binary labels are 0 or 1 (a label above 0.5 counts as positive for AUC); binary
 * predictions are logits, as a network's heads and a teacher's binary heads output them.
 */
public final class Metrics {

  private Metrics() {
  }

  /**
   * Area under the ROC curve: the probability that a random positive scores above a random negative,
   * tied scores counting one half (average ranks); any monotone score will do (logits, probabilities).
   *
   * @throws IllegalArgumentException when a labelled row's score is NaN
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

  /**
   * Ranks {@code scores} once so that the AUC of any reweighting of the rows (a bootstrap resample,
   * given as how many times each row was drawn) costs O(n) instead of a sort. Rows with a NaN label are
   * left out, as in {@link #auc}; ties count one half, as there.
   */
  public static AucRanking aucRanking(float[] scores, float[] labels) {
    return AucRanking.of(scores, labels);
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

  /**
   * Expected calibration error over {@link CalibrationBins#BINS} equal-width probability bins: the
   * row-weighted mean over bins of |mean predicted probability − fraction of positives|, with
   * probabilities sigmoid(logits).
   */
  public static double expectedCalibrationError(float[] logits, float[] labels) {
    CalibrationBins bins = new CalibrationBins();
    bins.add(logits, labels);
    return bins.expectedCalibrationError();
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

  /** One column of a row-major matrix, e.g. one head's outputs of a model's or a teacher's batch. */
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

  /** The rows whose label is not NaN, in order; rejects arrays of different lengths. */
  static int[] labelledRows(float[] predictions, float[] labels) {
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
