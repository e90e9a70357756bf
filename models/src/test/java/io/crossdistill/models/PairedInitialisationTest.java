package io.crossdistill.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A distilled student is its control plus auxiliary heads: with one seed both start from the same
 * serving network, so their comparison measures distillation, not two different initialisations.
 */
class PairedInitialisationTest {

  @Test
  void extraAuxiliaryHeads_leaveTheServingHeadsInitialOutputsUnchanged() {
    TabularData data = SyntheticTables.table(64, 3, 0.5);
    NetworkConfig control = SyntheticTables.config(List.of(8));
    try (MultiTaskModel plain = MultiTaskModel.create(control, 11);
        MultiTaskModel withAux = MultiTaskModel.create(withAuxiliaryHeads(control), 11)) {
      float[] a = plain.predict(data);
      float[] b = withAux.predict(data);
      for (int r = 0; r < data.rows(); r++) {
        assertThat(Arrays.copyOfRange(b, r * 4, r * 4 + 2)).containsExactly(Arrays.copyOfRange(a, r * 2, r * 2 + 2));
      }
    }
  }

  @Test
  void auxiliaryHeadsWithoutLabels_trainToTheSameServingPredictionsAsTheControl() {
    TabularData train = SyntheticTables.table(600, 5, 0.5);
    TabularData valid = SyntheticTables.table(200, 6, 0.5);
    NetworkConfig control = SyntheticTables.config(List.of(8));
    NetworkConfig distilled = withAuxiliaryHeads(control);
    TrainingConfig config = TrainingConfig.builder().setSeed(4).optMaxEpochs(3).optBatchSize(64).build();
    try (MultiTaskModel plain = MultiTaskModel.create(control, 4);
        MultiTaskModel withAux = MultiTaskModel.create(distilled, 4)) {
      ModelTrainer.train(plain, train, valid, config);
      ModelTrainer.train(withAux, withEmptyColumns(train, 2), withEmptyColumns(valid, 2), config);
      float[] a = plain.predict(valid);
      float[] b = withAux.predict(valid);
      // the same trajectory; only the matrix products' summation over a wider head matrix may differ by an ulp
      for (int r = 0; r < valid.rows(); r++) {
        assertThat(b[r * 4]).isCloseTo(a[r * 2], within(1e-4f));
        assertThat(b[r * 4 + 1]).isCloseTo(a[r * 2 + 1], within(1e-4f));
      }
    }
  }

  private static NetworkConfig withAuxiliaryHeads(NetworkConfig control) {
    List<HeadSpec> heads = new ArrayList<>(control.heads());
    heads.add(HeadSpec.auxiliary("teacher:click", Objective.LOGIT_MSE, 1f, 1f));
    heads.add(HeadSpec.auxiliary("teacher:value", Objective.MSE, 0.5f, 1f));
    return new NetworkConfig(control.idInputs(), control.numericWidth(), control.hiddenWidths(), heads);
  }

  private static TabularData withEmptyColumns(TabularData data, int extra) {
    int width = data.headCount() + extra;
    float[] targets = new float[data.rows() * width];
    Arrays.fill(targets, Float.NaN);
    float[] truth = data.targets();
    for (int r = 0; r < data.rows(); r++) {
      System.arraycopy(truth, r * data.headCount(), targets, r * width, data.headCount());
    }
    return data.withTargets(width, targets);
  }
}
