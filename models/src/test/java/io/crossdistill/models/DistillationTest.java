package io.crossdistill.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossdistill.schemas.metrics.Metrics;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DistillationTest {

  private static final TabularData SOURCE = SyntheticTables.table(3000, 41, 0.3);
  private static final TabularData TARGET = SyntheticTables.table(3000, 42, 0.3);
  private static final TabularData TARGET_VALIDATION = SyntheticTables.table(600, 43, 0.3);
  private static float[] teacherLogits;
  private static float[] teacherValidationLogits;

  @BeforeAll
  static void trainTeacher() {
    try (MultiTaskModel teacher = MultiTaskModel.create(SyntheticTables.config(List.of(32)), 1)) {
      ModelTrainer.train(teacher, SOURCE, TrainingConfig.builder().setSeed(1).optLearningRate(0.01f).optMaxEpochs(4).build());
      teacherLogits = Metrics.column(teacher.predict(TARGET), 2, 0);
      teacherValidationLogits = Metrics.column(teacher.predict(TARGET_VALIDATION), 2, 0);
    }
  }

  /** Student tables: true click labels in column 0, the teacher's click logits in column 1. */
  private static TabularData withTeacherLabels(TabularData data, float[] logits) {
    float[] targets = new float[data.rows() * 2];
    for (int r = 0; r < data.rows(); r++) {
      targets[r * 2] = data.target(r, 0);
      targets[r * 2 + 1] = logits[r];
    }
    return data.withTargets(2, targets);
  }

  private static float[] distil(Objective objective, float temperature) {
    NetworkConfig config = new NetworkConfig(SyntheticTables.config(List.of()).idInputs(), SyntheticTables.NUMERIC, List.of(32),
        List.of(HeadSpec.serving("click", Objective.BINARY_CROSS_ENTROPY),
            HeadSpec.auxiliary("teacher_click", objective, 1f, temperature)));
    try (MultiTaskModel student = MultiTaskModel.create(config, 2)) {
      assertThat(student.config().servingHeads()).extracting(HeadSpec::name).containsExactly("click");
      ModelTrainer.train(student, withTeacherLabels(TARGET, teacherLogits),
          withTeacherLabels(TARGET_VALIDATION, teacherValidationLogits),
          TrainingConfig.builder().setSeed(2).optLearningRate(0.01f).optBatchSize(64).optMaxEpochs(12).optPatience(2).build());
      return Metrics.column(student.predict(TARGET_VALIDATION), 2, 1);
    }
  }

  private static double std(float[] values) {
    double mean = 0;
    for (float v : values) {
      mean += v;
    }
    mean /= values.length;
    double sum = 0;
    for (float v : values) {
      sum += (v - mean) * (v - mean);
    }
    return Math.sqrt(sum / values.length);
  }

  @Test
  void logitMseHead_reproducesTheTeachersLogits() {
    float[] student = distil(Objective.LOGIT_MSE, 1f);
    assertThat(Metrics.rmse(student, teacherValidationLogits)).isLessThan(0.15 * std(teacherValidationLogits));
    assertThat(Metrics.r2(student, teacherValidationLogits)).isGreaterThan(0.98);
  }

  @Test
  void softCrossEntropyHead_withATemperature_reproducesTheTeachersLogits() {
    float[] student = distil(Objective.SOFT_CROSS_ENTROPY, 2f);
    assertThat(Metrics.r2(student, teacherValidationLogits)).isGreaterThan(0.95);
  }
}
