package io.crossdistill.schemas.metrics;

import java.util.Arrays;

/**
 * Rows sorted by score, from {@link Metrics#aucRanking}: {@link #auc(int[])} gives the AUC of the data set
 * in which row r appears {@code multiplicity[r]} times, in O(n), which is what a bootstrap needs. With
 * every multiplicity 1 it equals {@link Metrics#auc} exactly (both divide the same whole number of half
 * pairs by the same count).
 */
public final class AucRanking {

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

  static AucRanking of(float[] scores, float[] labels) {
    int[] rows = Metrics.labelledRows(scores, labels);
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
