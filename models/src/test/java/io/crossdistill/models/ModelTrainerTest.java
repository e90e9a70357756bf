package io.crossdistill.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossdistill.schemas.metrics.Metrics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelTrainerTest {

  private static final TabularData TRAIN = SyntheticTables.table(4000, 1, 0.3);
  private static final TabularData VALIDATION = SyntheticTables.table(1000, 2, 0.3);

  private static TrainingConfig.Builder config(long seed) {
    return TrainingConfig.builder().setSeed(seed).optLearningRate(0.01f).optBatchSize(128).optMaxEpochs(8).optPatience(2);
  }

  @Test
  void train_learnsTheBinaryAndTheRegressionTask() {
    List<EpochLoss> seen = new ArrayList<>();
    int[] steps = new int[1];
    TrainingListener listener = new TrainingListener() {
      @Override
      public void onStep(int epoch, int step, double trainLoss) {
        steps[0]++;
      }

      @Override
      public void onEpoch(EpochLoss epoch) {
        seen.add(epoch);
      }
    };
    try (MultiTaskModel model = MultiTaskModel.create(SyntheticTables.config(List.of(32, 16)), 11)) {
      double before = model.loss(VALIDATION);
      TrainingReport report = ModelTrainer.train(model, TRAIN, VALIDATION, config(3).optListener(listener).build());

      float[] outputs = model.predict(VALIDATION);
      assertThat(Metrics.auc(Metrics.column(outputs, 2, 0), VALIDATION.targetColumn(0))).isGreaterThan(0.9);
      assertThat(Metrics.r2(Metrics.column(outputs, 2, 1), VALIDATION.targetColumn(1))).isGreaterThan(0.9);
      assertThat(model.loss(VALIDATION)).isLessThan(before / 2);
      assertThat(seen).isEqualTo(report.epochs());
      assertThat(steps[0]).isEqualTo(report.epochsRun() * 32); // 4000 rows / 128 = 31.25 -> 32 steps
      assertThat(report.epochs().get(0).trainLoss()).isGreaterThan(report.epochs().get(report.epochsRun() - 1).trainLoss());
    }
  }

  @Test
  void train_stopsEarlyAndKeepsTheBestEpochsParameters() {
    // few noisy rows, a wide network and a high learning rate: validation loss turns up after a few epochs
    TabularData small = SyntheticTables.table(300, 3, 2.0);
    TrainingConfig config = TrainingConfig.builder().setSeed(5).optLearningRate(0.03f).optBatchSize(32)
        .optMaxEpochs(60).optPatience(3).build();
    try (MultiTaskModel model = MultiTaskModel.create(SyntheticTables.config(List.of(128, 128)), 5)) {
      TrainingReport report = ModelTrainer.train(model, small, VALIDATION, config);

      assertThat(report.stoppedEarly()).isTrue();
      assertThat(report.epochsRun()).isEqualTo(report.bestEpoch() + 3);
      double best = report.epochs().stream().mapToDouble(EpochLoss::validationLoss).min().orElseThrow();
      assertThat(report.bestValidationLoss()).isEqualTo(best);
      assertThat(report.epochs().get(report.epochsRun() - 1).validationLoss()).isGreaterThan(best);
      // the model holds the best epoch's parameters, not the last epoch's
      assertThat(model.loss(VALIDATION)).isEqualTo(best);
    }
  }

  @Test
  void train_withoutValidationRunsEveryEpochAndKeepsTheLast() {
    try (MultiTaskModel model = MultiTaskModel.create(SyntheticTables.config(List.of(8)), 1)) {
      TrainingReport report = ModelTrainer.train(model, TRAIN.slice(0, 500), config(1).optMaxEpochs(3).build());
      assertThat(report.epochsRun()).isEqualTo(3);
      assertThat(report.bestEpoch()).isEqualTo(3);
      assertThat(report.stoppedEarly()).isFalse();
      assertThat(report.epochs().get(2).validationLoss()).isNaN();
    }
  }

  @Test
  void train_rejectsTablesThatDoNotFitTheNetwork() {
    try (MultiTaskModel model = MultiTaskModel.create(SyntheticTables.config(List.of(8)), 1)) {
      TabularData oneHead = TRAIN.withTargets(1, TRAIN.targetColumn(0));
      assertThatThrownBy(() -> ModelTrainer.train(model, oneHead, VALIDATION, config(1).build()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("train: headCount 1 != network's 2");
    }
  }

  @Test
  void predict_rejectsOutOfRangeIds() {
    TabularData bad = new TabularData(1, 6, new float[6], 2, new long[] {0, SyntheticTables.ITEMS}, 2, new float[2]);
    try (MultiTaskModel model = MultiTaskModel.create(SyntheticTables.config(List.of(8)), 1)) {
      assertThatThrownBy(() -> model.predict(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("id input 'item': id 10 outside [0, 10)");
    }
  }

  @Test
  void trainingConfig_requiresASeedAndListsBadValues() {
    assertThatThrownBy(() -> TrainingConfig.builder().build()).hasMessageContaining("seed is required");
    assertThatThrownBy(() -> TrainingConfig.builder().setSeed(1).optBatchSize(0).optLearningRate(-1).build())
        .hasMessageContaining("batchSize").hasMessageContaining("learningRate");
  }
}
