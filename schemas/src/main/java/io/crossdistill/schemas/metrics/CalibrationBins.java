package io.crossdistill.schemas.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@value #BINS} equal-width probability bins behind {@link Metrics#expectedCalibrationError},
 * accumulated over one or more (logits, labels) pairs (rows with a NaN label are left out): the ECE and
 * the points of a reliability diagram come from the same bins. Bin k holds probabilities in
 * [k/10, (k+1)/10); the last bin is closed.
 */
public final class CalibrationBins {

  /** How many equal-width probability bins there are. */
  public static final int BINS = 10;

  private final double[] probabilitySum = new double[BINS];
  private final double[] labelSum = new double[BINS];
  private final int[] count = new int[BINS];
  private int rows;

  /** Adds the labelled rows of one set of logits, probabilities being sigmoid(logits). */
  public void add(float[] logits, float[] labels) {
    for (int r : Metrics.labelledRows(logits, labels)) {
      double p = Metrics.sigmoid(logits[r]);
      int bin = Math.min(BINS - 1, (int) (p * BINS));
      probabilitySum[bin] += p;
      labelSum[bin] += labels[r];
      count[bin]++;
      rows++;
    }
  }

  /** The row-weighted mean over bins of |mean predicted probability − fraction of positives| (NaN: no rows). */
  public double expectedCalibrationError() {
    double ece = 0;
    for (int b = 0; b < BINS; b++) {
      if (count[b] > 0) {
        ece += Math.abs(probabilitySum[b] - labelSum[b]) / rows;
      }
    }
    return rows == 0 ? Double.NaN : ece;
  }

  /**
   * One non-empty bin, as a reliability diagram draws it.
   *
   * @param lower         the lowest probability the bin holds
   * @param upper         the bin's upper bound (exclusive, but for the last bin)
   * @param count         labelled rows in the bin
   * @param meanPredicted their mean predicted probability
   * @param observedRate  the fraction of them labelled positive
   */
  public record Bin(double lower, double upper, int count, double meanPredicted, double observedRate) {
  }

  /** Every non-empty bin, in bin order: the bins the ECE is computed over. */
  public List<Bin> bins() {
    List<Bin> bins = new ArrayList<>();
    for (int b = 0; b < BINS; b++) {
      if (count[b] > 0) {
        bins.add(new Bin((double) b / BINS, (double) (b + 1) / BINS, count[b], probabilitySum[b] / count[b],
            labelSum[b] / count[b]));
      }
    }
    return bins;
  }

  /** {mean predicted probability, observed positive rate} of every non-empty bin, in bin order. */
  public List<double[]> points() {
    List<double[]> points = new ArrayList<>();
    for (Bin bin : bins()) {
      points.add(new double[] {bin.meanPredicted(), bin.observedRate()});
    }
    return points;
  }
}
