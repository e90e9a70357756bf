package io.crossdistill.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RepresentationTest {

  @Test
  void headBiases_shiftEveryOutputByTheirValue() {
    NetworkConfig config = SyntheticTables.config(List.of(8));
    TabularData data = SyntheticTables.table(50, 1, 0.1);
    try (MultiTaskModel model = MultiTaskModel.create(config, 3)) {
      float[] before = model.predict(data);
      float[] biases = new float[config.headCount()];
      for (int h = 0; h < biases.length; h++) {
        biases[h] = h + 1.5f;
      }
      model.setHeadBiases(biases);
      float[] after = model.predict(data);
      for (int i = 0; i < after.length; i++) {
        assertThat(after[i] - before[i]).isCloseTo(biases[i % biases.length], within(1e-5f));
      }
      assertThatThrownBy(() -> model.setHeadBiases(new float[1])).hasMessageContaining("head biases");
      assertThatThrownBy(() -> model.setHeadBiases(new float[] {Float.NaN, 0})).hasMessageContaining("NaN");
    }
  }

  @Test
  void represent_givesTheTrunkOutput_whichIsNonNegativeAfterReluAndDeterministic() {
    NetworkConfig config = SyntheticTables.config(List.of(16, 8));
    TabularData data = SyntheticTables.table(40, 2, 0.1);
    try (MultiTaskModel model = MultiTaskModel.create(config, 5)) {
      float[] reps = model.represent(data);
      assertThat(reps).hasSize(40 * 8);
      for (float v : reps) {
        assertThat(v).isGreaterThanOrEqualTo(0f);
      }
      assertThat(model.represent(data)).containsExactly(reps);
      // two rows that differ only in their inputs get different representations
      assertThat(java.util.Arrays.copyOfRange(reps, 0, 8)).isNotEqualTo(java.util.Arrays.copyOfRange(reps, 8, 16));
    }
  }

  @Test
  void embeddingTable_holdsOneRowPerId_andUnknownInputsAreRefused() {
    NetworkConfig config = SyntheticTables.config(List.of(8));
    try (MultiTaskModel model = MultiTaskModel.create(config, 5)) {
      IdInput first = config.idInputs().get(0);
      assertThat(model.embeddingTable(first.name())).hasSize(first.cardinality() * first.embeddingDim());
      assertThatThrownBy(() -> model.embeddingTable("nope")).hasMessageContaining("no id input 'nope'");
    }
    assertThat(config.embeddingParameterCount() + config.denseParameterCount()).isEqualTo(config.parameterCount());
  }
}
