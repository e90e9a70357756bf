package io.crossdistill.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeterminismTest {

  private static final TabularData TRAIN = SyntheticTables.table(1500, 21, 0.3);
  private static final TabularData VALIDATION = SyntheticTables.table(300, 22, 0.3);

  private static float[] trainAndPredict(long seed) {
    TrainingConfig config = TrainingConfig.builder().setSeed(seed).optLearningRate(0.01f).optBatchSize(64)
        .optMaxEpochs(3).optWeightDecay(1e-4f).build();
    try (MultiTaskModel model = MultiTaskModel.create(SyntheticTables.config(List.of(16, 8)), seed)) {
      ModelTrainer.train(model, TRAIN, VALIDATION, config);
      return model.predict(VALIDATION);
    }
  }

  @Test
  void train_withTheSameSeed_givesBitIdenticalPredictions() {
    float[] first = trainAndPredict(42);
    float[] second = trainAndPredict(42);
    // Arrays.equals on float[] compares bit patterns
    assertThat(java.util.Arrays.equals(first, second)).isTrue();
  }

  @Test
  void train_withAnotherSeed_givesOtherPredictions() {
    assertThat(java.util.Arrays.equals(trainAndPredict(42), trainAndPredict(43))).isFalse();
  }
}
