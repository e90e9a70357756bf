package io.crossdistill.models.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.crossdistill.models.HeadSpec;
import io.crossdistill.models.IdInput;
import io.crossdistill.models.NetworkConfig;
import io.crossdistill.models.Objective;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The inference plan must compute exactly what the training forward pass computes. */
class InferencePlanTest {

  private static final List<HeadSpec> HEADS = List.of(HeadSpec.serving("click", Objective.BINARY_CROSS_ENTROPY),
      HeadSpec.serving("value", Objective.MSE), HeadSpec.serving("like", Objective.BINARY_CROSS_ENTROPY));

  private static void assertSameAsForwardPass(NetworkConfig config, int... rowCounts) {
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      NetworkParameters parameters = NetworkParameters.initialize(config, manager, 11);
      try (InferencePlan plan = InferencePlan.build(config, parameters, manager)) {
        for (int rows : rowCounts) {
          SplittableRandom random = new SplittableRandom(rows);
          float[] numeric = new float[rows * config.numericWidth()];
          for (int i = 0; i < numeric.length; i++) {
            numeric[i] = (float) random.nextGaussian();
          }
          long[] ids = new long[rows * config.idCount()];
          for (int i = 0; i < ids.length; i++) {
            ids[i] = random.nextInt(config.idInputs().get(i % config.idCount()).cardinality());
          }
          float[] expected = new float[rows * config.headCount()];
          BatchPredictor.predict(config, parameters, manager, numeric, ids, rows, expected);
          float[] actual = new float[rows * config.headCount()];
          plan.predict(numeric, ids, rows, actual);
          // Arrays.equals on float[] compares bit patterns
          assertThat(Arrays.equals(actual, expected)).as("%d rows of %s", rows, config).isTrue();
          assertThat(expected).as("a network that outputs something").isNotEqualTo(new float[expected.length]);
        }
      }
    }
  }

  private static List<IdInput> ids(int... widths) {
    List<IdInput> ids = new ArrayList<>();
    for (int i = 0; i < widths.length; i++) {
      ids.add(new IdInput("id" + i, 50 + 17 * i, widths[i]));
    }
    return ids;
  }

  @Test
  void predict_withEqualEmbeddingWidths_isBitIdenticalToTheForwardPass() {
    assertSameAsForwardPass(new NetworkConfig(ids(8, 8, 8, 8), 6, List.of(64, 32), HEADS), 1, 3, 64, 257, 1024);
  }

  @Test
  void predict_withMixedEmbeddingWidths_isBitIdenticalToTheForwardPass() {
    assertSameAsForwardPass(new NetworkConfig(ids(4, 3, 8), 5, List.of(16), HEADS), 1, 64, 300);
  }

  @Test
  void predict_withOneIdInputAndNoFloats_isBitIdenticalToTheForwardPass() {
    assertSameAsForwardPass(new NetworkConfig(ids(6), 0, List.of(16, 8), HEADS), 1, 65);
  }

  @Test
  void predict_withFloatsOnly_isBitIdenticalToTheForwardPass() {
    assertSameAsForwardPass(new NetworkConfig(List.of(), 7, List.of(32), HEADS), 2, 100);
  }

  @Test
  void predict_beyondOnePass_isBitIdenticalToTheForwardPass() {
    assertSameAsForwardPass(new NetworkConfig(ids(4, 4), 3, List.of(8), HEADS), BatchPredictor.DEFAULT_BATCH_ROWS + 5);
  }

  @Test
  void predict_withAnOutOfRangeId_namesTheRowAndInput() {
    NetworkConfig config = new NetworkConfig(ids(4, 4), 2, List.of(8), HEADS);
    try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      NetworkParameters parameters = NetworkParameters.initialize(config, manager, 3);
      try (InferencePlan plan = InferencePlan.build(config, parameters, manager)) {
        long[] ids = {1, 2, 3, 67};
        assertThatThrownBy(() -> plan.predict(new float[4], ids, 2, new float[6]))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("row 1, id input 'id1': id 67 outside [0, 67)");
      }
    }
  }
}
