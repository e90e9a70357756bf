package io.crossdistill.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NativeMemoryTest {

  @Test
  void trainingAndPrediction_leaveTheNumberOfNativeArraysFlat() {
    TabularData data = SyntheticTables.table(2000, 51, 0.3);
    try (MultiTaskModel model = MultiTaskModel.create(SyntheticTables.config(List.of(16)), 1)) {
      int before = model.manager().getManagedArrays().size();
      List<Integer> perStep = new ArrayList<>();
      TrainingListener listener = new TrainingListener() {
        @Override
        public void onStep(int epoch, int step, double trainLoss) {
          perStep.add(model.manager().getManagedArrays().size());
        }
      };
      ModelTrainer.train(model, data, data.slice(0, 500),
          TrainingConfig.builder().setSeed(1).optBatchSize(100).optMaxEpochs(3).optListener(listener).build());
      // optimizer state appears at the first step; after that every step frees what it made
      assertThat(perStep.get(1)).isGreaterThan(before); // the count sees the training copies and Adam state
      assertThat(perStep.subList(1, perStep.size())).containsOnly(perStep.get(1));
      model.predict(data);
      assertThat(model.manager().getManagedArrays().size()).isEqualTo(before);
    }
  }
}
