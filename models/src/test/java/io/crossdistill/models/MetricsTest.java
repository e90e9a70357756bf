package io.crossdistill.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricsTest {

  private static final float NAN = Float.NaN;

  @Test
  void auc_ofTheTextbookExample_isThreeQuarters() {
    assertThat(Metrics.auc(new float[] {0.1f, 0.4f, 0.35f, 0.8f}, new float[] {0, 0, 1, 1})).isEqualTo(0.75);
  }

  @Test
  void auc_countsTiedScoresAsOneHalf() {
    // pairs (pos, neg): (0.5 vs 0.5) tie = 0.5, (0.5 vs 0.2) = 1, (0.9 vs 0.5) = 1, (0.9 vs 0.2) = 1 -> 3.5 / 4
    assertThat(Metrics.auc(new float[] {0.5f, 0.5f, 0.9f, 0.2f}, new float[] {1, 0, 1, 0})).isEqualTo(0.875);
    assertThat(Metrics.auc(new float[] {1, 1, 1, 1}, new float[] {1, 0, 1, 0})).isEqualTo(0.5);
  }

  @Test
  void auc_skipsUnlabelledRowsAndIsNaNWithOneClass() {
    assertThat(Metrics.auc(new float[] {0.1f, 0.4f, 0.99f, 0.35f, 0.8f}, new float[] {0, 0, NAN, 1, 1})).isEqualTo(0.75);
    assertThat(Metrics.auc(new float[] {0.1f, 0.4f}, new float[] {1, 1})).isNaN();
  }

  @Test
  void logLoss_matchesHandComputedValuesAndStaysFiniteForHugeLogits() {
    // logit 0 -> ln 2 whatever the label; logit ln 3 with label 1 -> -ln(3/4)
    assertThat(Metrics.logLoss(new float[] {0f, (float) Math.log(3)}, new float[] {1, 1}))
        .isCloseTo((Math.log(2) - Math.log(0.75)) / 2, within(1e-7));
    assertThat(Metrics.logLoss(new float[] {1000f, -1000f}, new float[] {1, 0})).isEqualTo(0.0);
    assertThat(Metrics.logLoss(new float[] {1000f}, new float[] {0})).isCloseTo(1000.0, within(1e-9));
    assertThat(Metrics.logLoss(new float[] {0f, 5f}, new float[] {0, NAN})).isCloseTo(Math.log(2), within(1e-12));
  }

  @Test
  void rmseAndR2_matchHandComputedValues() {
    float[] targets = {1, 2, 3, 4};
    float[] predictions = {1, 2, 3, 6};
    // residuals 0,0,0,2 -> mse 1, rmse 1; total sum of squares about mean 2.5 = 5 -> r2 = 1 - 4/5
    assertThat(Metrics.rmse(predictions, targets)).isEqualTo(1.0);
    assertThat(Metrics.r2(predictions, targets)).isCloseTo(0.2, within(1e-12));
    assertThat(Metrics.r2(targets, targets)).isEqualTo(1.0);
    assertThat(Metrics.rmse(new float[] {1, 100}, new float[] {3, NAN})).isEqualTo(2.0);
  }

  @Test
  void expectedCalibrationError_weighsEachBinsGapByItsShare() {
    // p = 0.5 for two rows (bin 5), labels 1 and 1: gap 0.5, share 1/2;
    // p = sigmoid(ln 9) = 0.9 for two rows (bin 9), labels 1 and 0: gap 0.4, share 1/2 -> ECE 0.45
    float logit9 = (float) Math.log(9);
    assertThat(Metrics.expectedCalibrationError(new float[] {0, 0, logit9, logit9}, new float[] {1, 1, 1, 0}))
        .isCloseTo(0.45, within(1e-6));
    assertThat(Metrics.expectedCalibrationError(new float[] {0, 0}, new float[] {1, 0})).isCloseTo(0.0, within(1e-12));
  }

  @Test
  void metrics_rejectMismatchedLengths() {
    assertThatThrownBy(() -> Metrics.auc(new float[2], new float[3])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void column_picksOneHeadOutOfRowMajorOutputs() {
    assertThat(Metrics.column(new float[] {1, 2, 3, 4, 5, 6}, 2, 1)).containsExactly(2, 4, 6);
  }

  @Test
  void aucRanking_withEveryMultiplicityOne_equalsAucExactly() {
    float[] scores = {0.5f, 0.5f, 0.9f, 0.2f, 0.2f, 0.7f, 0.99f, 0.1f};
    float[] labels = {1, 0, 1, 0, 1, NAN, 0, 1};
    int[] ones = {1, 1, 1, 1, 1, 1, 1, 1};
    assertThat(Metrics.aucRanking(scores, labels).auc(ones)).isEqualTo(Metrics.auc(scores, labels));
  }

  @Test
  void aucRanking_withMultiplicities_equalsAucOfTheRowsDuplicatedByHand() {
    float[] scores = {0.5f, 0.5f, 0.9f, 0.2f, 0.3f};
    float[] labels = {1, 0, 1, 0, 1};
    int[] multiplicity = {2, 0, 1, 3, 1};
    // row 0 twice, row 1 dropped, row 3 three times
    float[] expandedScores = {0.5f, 0.5f, 0.9f, 0.2f, 0.2f, 0.2f, 0.3f};
    float[] expandedLabels = {1, 1, 1, 0, 0, 0, 1};
    assertThat(Metrics.aucRanking(scores, labels).auc(multiplicity))
        .isEqualTo(Metrics.auc(expandedScores, expandedLabels));
  }

  @Test
  void aucRanking_withTiesAcrossClassesAndDuplicates_equalsAucOfTheExpandedRows() {
    float[] scores = {1, 1, 1, 2, 2};
    float[] labels = {1, 0, 0, 1, 0};
    int[] multiplicity = {3, 1, 2, 1, 2};
    float[] expandedScores = {1, 1, 1, 1, 1, 1, 2, 2, 2};
    float[] expandedLabels = {1, 1, 1, 0, 0, 0, 1, 0, 0};
    assertThat(Metrics.aucRanking(scores, labels).auc(multiplicity))
        .isEqualTo(Metrics.auc(expandedScores, expandedLabels));
  }

  @Test
  void aucRanking_whenOneClassHasNoWeight_isNaN() {
    assertThat(Metrics.aucRanking(new float[] {0.1f, 0.9f}, new float[] {0, 1}).auc(new int[] {3, 0})).isNaN();
  }

  @Test
  void r2WithMultiplicities_equalsR2OfTheRowsDuplicatedByHand() {
    float[] predictions = {1, 2, 3, 6};
    float[] targets = {1, 2.5f, 3, 4};
    assertThat(Metrics.r2(predictions, targets, new int[] {1, 1, 1, 1}))
        .isCloseTo(Metrics.r2(predictions, targets), within(1e-12));
    assertThat(Metrics.r2(predictions, targets, new int[] {0, 2, 1, 3}))
        .isCloseTo(Metrics.r2(new float[] {2, 2, 3, 6, 6, 6}, new float[] {2.5f, 2.5f, 3, 4, 4, 4}), within(1e-12));
  }
}
