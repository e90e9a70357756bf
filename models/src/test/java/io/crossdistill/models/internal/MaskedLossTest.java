package io.crossdistill.models.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.crossdistill.models.HeadSpec;
import io.crossdistill.models.IdInput;
import io.crossdistill.models.NetworkConfig;
import io.crossdistill.models.Objective;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MaskedLossTest {

  private static final float NAN = Float.NaN;

  private static NetworkConfig config(HeadSpec... heads) {
    return new NetworkConfig(List.of(new IdInput("u", 2, 1)), 0, List.of(), List.of(heads));
  }

  private static int[] identity(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }

  /** Tensor loss of one batch holding all rows, and the gradient it sends to the outputs. */
  private static float[] lossAndGradient(NetworkConfig config, float[] outputs, float[] targets, float[] gradientOut) {
    int rows = outputs.length / config.headCount();
    float[] preparedTargets = new float[outputs.length];
    float[] coefficients = new float[outputs.length];
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      MaskedLoss loss = new MaskedLoss(config, manager);
      loss.prepare(targets, identity(rows), 0, rows, preparedTargets, coefficients);
      Shape shape = new Shape(rows, config.headCount());
      NDArray out = manager.create(outputs, shape);
      out.setRequiresGradient(true);
      NDArray value;
      try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
        value = loss.loss(out, manager.create(preparedTargets, shape), manager.create(coefficients, shape));
        collector.backward(value);
      }
      System.arraycopy(out.getGradient().toFloatArray(), 0, gradientOut, 0, outputs.length);
      return new float[] {value.getFloat()};
    }
  }

  @Test
  void loss_ofHandPickedCells_averagesEachHeadOverItsLabelledRowsOnly() {
    NetworkConfig config = config(HeadSpec.serving("click", Objective.BINARY_CROSS_ENTROPY), HeadSpec.serving("value", Objective.MSE));
    float[] outputs = {0, 1, 2, 3, 4, 5};
    float[] targets = {1, NAN, NAN, 5, 0, 2};
    float[] gradient = new float[6];
    float loss = lossAndGradient(config, outputs, targets, gradient)[0];
    // click: rows 0 and 2 -> (ln2 + softplus(4)) / 2; value: rows 1 and 2 -> ((3-5)^2 + (5-2)^2) / 2
    double expected = (Math.log(2) + MaskedLoss.softPlus(4)) / 2 + (4 + 9) / 2.0;
    assertThat((double) loss).isCloseTo(expected, within(1e-5));
    assertThat(MaskedLoss.evaluate(config, outputs, targets, 3)).isCloseTo(expected, within(1e-12));
    // masked cells get no gradient
    assertThat(gradient[1]).isZero();
    assertThat(gradient[2]).isZero();
    assertThat(gradient[0]).isNotZero();
  }

  @Test
  void tensorLossAndJavaLoss_agreeForEveryObjectiveWeightAndTemperature() {
    NetworkConfig config = config(
        HeadSpec.serving("a", Objective.BINARY_CROSS_ENTROPY),
        new HeadSpec("b", Objective.MSE, 0.5f, true, 1f),
        HeadSpec.auxiliary("c", Objective.LOGIT_MSE, 2f, 1f),
        HeadSpec.auxiliary("d", Objective.SOFT_CROSS_ENTROPY, 0.7f, 3f));
    SplittableRandom random = new SplittableRandom(4);
    int rows = 50;
    float[] outputs = new float[rows * 4];
    float[] targets = new float[rows * 4];
    for (int i = 0; i < outputs.length; i++) {
      outputs[i] = (float) (random.nextGaussian() * 3);
      boolean binary = i % 4 == 0;
      targets[i] = random.nextInt(4) == 0 ? NAN : binary ? random.nextInt(2) : (float) (random.nextGaussian() * 3);
    }
    float loss = lossAndGradient(config, outputs, targets, new float[outputs.length])[0];
    assertThat((double) loss).isCloseTo(MaskedLoss.evaluate(config, outputs, targets, rows), within(1e-4));
  }

  @Test
  void softCrossEntropy_hasZeroGradientWhereStudentMatchesTeacher() {
    NetworkConfig config = config(HeadSpec.auxiliary("d", Objective.SOFT_CROSS_ENTROPY, 1f, 4f));
    float[] gradient = new float[3];
    lossAndGradient(config, new float[] {-3, 0.5f, 7}, new float[] {-3, 0.5f, 7}, gradient);
    assertThat(gradient).containsExactly(new float[] {0, 0, 0}, within(1e-6f));
  }

  @Test
  void loss_ofABatchWithoutLabels_isZero() {
    NetworkConfig config = config(HeadSpec.serving("a", Objective.BINARY_CROSS_ENTROPY));
    assertThat(lossAndGradient(config, new float[] {1, 2}, new float[] {NAN, NAN}, new float[2])[0]).isZero();
    assertThat(MaskedLoss.evaluate(config, new float[] {1, 2}, new float[] {NAN, NAN}, 2)).isZero();
  }
}
