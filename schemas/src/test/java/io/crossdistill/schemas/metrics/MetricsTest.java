package io.crossdistill.schemas.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The metrics against hand-computed values and against scikit-learn on a committed fixture (made by
 * src/test/fixtures/make_metrics_fixture.py).
 */
class MetricsTest {

  private static final float NAN = Float.NaN;

  @Test
  void binaryMetrics_onTheFixture_matchScikitLearnAucLogLossAndEce() throws IOException {
    float[][] columns = fixture();
    Properties expected = expected();
    assertThat(Metrics.auc(columns[0], columns[1])).isCloseTo(value(expected, "auc"), within(1e-12));
    assertThat(Metrics.logLoss(columns[0], columns[1])).isCloseTo(value(expected, "logLoss"), within(1e-9));
    assertThat(Metrics.expectedCalibrationError(columns[0], columns[1])).isCloseTo(value(expected, "ece"), within(1e-9));
  }

  @Test
  void regressionMetrics_onTheFixture_matchScikitLearnR2AndRmse() throws IOException {
    float[][] columns = fixture();
    Properties expected = expected();
    assertThat(Metrics.r2(columns[2], columns[3])).isCloseTo(value(expected, "r2"), within(1e-9));
    assertThat(Metrics.rmse(columns[2], columns[3])).isCloseTo(value(expected, "rmse"), within(1e-9));
  }

  @Test
  void auc_ofTheTextbookExample_isThreeQuarters() {
    assertThat(Metrics.auc(new float[] {0.1f, 0.4f, 0.35f, 0.8f}, new float[] {0, 0, 1, 1})).isEqualTo(0.75);
  }

  @Test
  void auc_ofPerfectAndReversedScores_isOneAndZero() {
    float[] labels = {0, 0, 1, 1};
    assertThat(Metrics.auc(new float[] {1, 2, 3, 4}, labels)).isEqualTo(1.0);
    assertThat(Metrics.auc(new float[] {4, 3, 2, 1}, labels)).isEqualTo(0.0);
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
  void auc_ofANaNScore_isRejected() {
    assertThatThrownBy(() -> Metrics.auc(new float[] {0.1f, NAN}, new float[] {0, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1");
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
    assertThat(Metrics.r2(new float[] {2.5f, 2.5f, 2.5f, 2.5f}, targets)).isEqualTo(0.0);
    assertThat(Metrics.rmse(new float[] {1, 100}, new float[] {3, NAN})).isEqualTo(2.0);
  }

  @Test
  void r2_ofConstantTargets_isNaN() {
    assertThat(Metrics.r2(new float[] {1, 2}, new float[] {3, 3})).isNaN();
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
  void expectedCalibrationError_ofCalibratedAndOverconfidentProbabilities_isZeroAndTheGap() {
    float[] y = {1, 0, 0, 0, 1, 1, 1, 0};
    // p = 1/4 and 3/4, each matching its bin's positive rate
    float quarter = (float) Math.log(1 / 3.0);
    float threeQuarters = (float) Math.log(3);
    float[] calibrated = {quarter, quarter, quarter, quarter, threeQuarters, threeQuarters, threeQuarters, threeQuarters};
    assertThat(Metrics.expectedCalibrationError(calibrated, y)).isCloseTo(0.0, within(1e-6));
    // p = 0.05 and 0.95 against rates 1/4 and 3/4: both gaps 0.2
    float low = (float) Math.log(1 / 19.0);
    float high = (float) Math.log(19);
    float[] overconfident = {low, low, low, low, high, high, high, high};
    assertThat(Metrics.expectedCalibrationError(overconfident, y)).isCloseTo(0.2, within(1e-6));
  }

  @Test
  void calibrationBins_pointsAreEachNonEmptyBinsMeanProbabilityAndPositiveRate() {
    CalibrationBins bins = new CalibrationBins();
    float logit9 = (float) Math.log(9);
    bins.add(new float[] {0, 0}, new float[] {1, 1});
    bins.add(new float[] {logit9, logit9, 5}, new float[] {1, 0, NAN});
    List<double[]> points = bins.points();
    assertThat(points).hasSize(2);
    assertThat(points.get(0)).containsExactly(0.5, 1.0);
    assertThat(points.get(1)[0]).isCloseTo(0.9, within(1e-6));
    assertThat(points.get(1)[1]).isEqualTo(0.5);
    assertThat(bins.expectedCalibrationError()).isCloseTo(0.45, within(1e-6));
    assertThat(new CalibrationBins().expectedCalibrationError()).isNaN();
  }

  @Test
  void metrics_rejectMismatchedLengths() {
    assertThatThrownBy(() -> Metrics.auc(new float[2], new float[3])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sigmoid_isStableForLargeMagnitudes() {
    assertThat(Metrics.sigmoid(0)).isEqualTo(0.5);
    assertThat(Metrics.sigmoid(Math.log(3))).isCloseTo(0.75, within(1e-15));
    assertThat(Metrics.sigmoid(-1000)).isEqualTo(0.0);
    assertThat(Metrics.sigmoid(1000)).isEqualTo(1.0);
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

  private static double value(Properties expected, String name) {
    return Double.parseDouble(expected.getProperty(name));
  }

  private static Properties expected() throws IOException {
    Properties expected = new Properties();
    try (InputStream in = MetricsTest.class.getResourceAsStream("/metrics/expected.properties")) {
      expected.load(in);
    }
    return expected;
  }

  /** The fixture's four columns: logit, label, prediction, target. */
  private static float[][] fixture() throws IOException {
    List<String> lines;
    try (InputStream in = MetricsTest.class.getResourceAsStream("/metrics/metrics-fixture.csv")) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
    }
    float[][] columns = new float[4][lines.size()];
    for (int r = 0; r < lines.size(); r++) {
      String[] cells = lines.get(r).split(",");
      for (int c = 0; c < 4; c++) {
        columns[c][r] = cells[c].equals("nan") ? Float.NaN : Float.parseFloat(cells[c]);
      }
    }
    return columns;
  }
}
