package io.crossdistill.student;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.crossdistill.datasets.TaskDef;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * TaskMetrics on hand-computed values: which metrics a task of each kind gets, read from logits or values.
 * The metrics themselves are checked against scikit-learn in schemas' {@code MetricsTest}.
 */
class TaskMetricsTest {

  private static final float NAN = Float.NaN;

  @Test
  void of_binaryTask_scoresLogitsWithAucLogLossAndEce() {
    // logits 0 -> p 0.5 for all four rows, labels 1, 0, 1, 0 (and one unlabelled row):
    // AUC 0.5 (all tied), log loss ln 2, ECE |0.5 - 0.5| = 0
    TaskMetrics m = TaskMetrics.of(TaskDef.binary("love", "doc"), new float[] {0, 0, 0, 0, 3}, new float[] {1, 0, 1, 0, NAN});
    assertThat(m.auc()).hasValue(0.5);
    assertThat(m.logLoss().getAsDouble()).isCloseTo(Math.log(2), within(1e-12));
    assertThat(m.ece().getAsDouble()).isCloseTo(0.0, within(1e-12));
    assertThat(m.values()).containsOnlyKeys("auc", "logLoss", "ece");
    assertThat(m.headline()).isEqualTo(m.auc());
    assertThat(m.r2()).isEmpty();
  }

  @Test
  void of_regressionTask_scoresValuesWithR2AndRmse() {
    // residuals 0, 0, 0, 2 -> RMSE 1; total sum of squares about the mean 2.5 is 5 -> R² 1 - 4/5
    TaskMetrics m = TaskMetrics.of(TaskDef.regression("spend", "doc"), new float[] {1, 2, 3, 6}, new float[] {1, 2, 3, 4});
    assertThat(m.r2().getAsDouble()).isCloseTo(0.2, within(1e-12));
    assertThat(m.rmse()).hasValue(1.0);
    assertThat(m.values()).containsOnlyKeys("r2", "rmse");
    assertThat(m.headline()).isEqualTo(m.r2());
    assertThat(m.auc()).isEmpty();
  }

  @Test
  void auc_withOneClass_isEmptyButKeptAsNaNInTheValues() {
    TaskMetrics m = TaskMetrics.of(TaskDef.binary("love", "doc"), new float[] {1, 2}, new float[] {1, 1});
    assertThat(m.auc()).isEmpty();
    assertThat(m.values().get("auc")).isNaN();
  }

  @Test
  void constructor_withAMetricOfTheOtherKind_isRejected() {
    assertThatThrownBy(() -> new TaskMetrics(TaskDef.regression("spend", "doc"), Map.of("auc", 0.5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("auc");
  }
}
