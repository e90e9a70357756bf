package io.crossdistill.models.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.crossdistill.models.HeadSpec;
import io.crossdistill.models.NetworkConfig;
import io.crossdistill.models.Objective;
import io.crossdistill.schemas.metrics.Metrics;
import java.util.List;

/**
 * The multi-task loss: for each head, the mean of its per-row loss over the rows that have a label for it
 * (NaN targets are masked out), times the head's weight, summed over heads. Per-row losses are the
 * sigmoid cross-entropy for {@link Objective#BINARY_CROSS_ENTROPY}, the temperature-scaled soft
 * cross-entropy (times {@code T²}) for {@link Objective#SOFT_CROSS_ENTROPY}, and the squared error for
 * {@link Objective#MSE} and {@link Objective#LOGIT_MSE}.
 *
 * <p>The masking, averaging and weighting are folded on the Java side into one coefficient per cell, and
 * soft labels are precomputed there, so the tensor side is a handful of element-wise operations.
 */
public final class MaskedLoss {

  private final List<HeadSpec> heads;
  private final boolean anyCrossEntropy;
  private final boolean anySquaredError;
  private final NDArray outputScale;
  private final NDArray crossEntropyMask;

  /** A loss for the config's heads; its two constant rows live in {@code constants}. */
  public MaskedLoss(NetworkConfig config, NDManager constants) {
    this.heads = config.heads();
    int h = heads.size();
    float[] scale = new float[h];
    float[] mask = new float[h];
    boolean ce = false;
    boolean se = false;
    for (int j = 0; j < h; j++) {
      HeadSpec head = heads.get(j);
      boolean soft = head.objective() == Objective.SOFT_CROSS_ENTROPY;
      scale[j] = soft ? 1f / head.temperature() : 1f;
      mask[j] = head.objective().isCrossEntropy() ? 1f : 0f;
      ce |= head.objective().isCrossEntropy();
      se |= !head.objective().isCrossEntropy();
    }
    this.anyCrossEntropy = ce;
    this.anySquaredError = se;
    this.outputScale = constants.create(scale, new Shape(1, h));
    this.crossEntropyMask = constants.create(mask, new Shape(1, h));
  }

  /**
   * Fills the per-cell targets and coefficients of a batch made of rows {@code order[from..from+count)}
   * of the row-major {@code targets}: the coefficient is 0 for unlabelled cells and
   * {@code weight / labelledRowsInBatch} (times {@code T²} for soft heads) otherwise.
   */
  public void prepare(float[] targets, int[] order, int from, int count, float[] targetOut, float[] coefficientOut) {
    int h = heads.size();
    int[] labelled = new int[h];
    for (int i = 0; i < count; i++) {
      int row = order[from + i];
      for (int j = 0; j < h; j++) {
        float t = targets[row * h + j];
        if (Float.isNaN(t)) {
          targetOut[i * h + j] = 0f;
          coefficientOut[i * h + j] = 0f;
        } else {
          HeadSpec head = heads.get(j);
          targetOut[i * h + j] = head.objective() == Objective.SOFT_CROSS_ENTROPY
              ? (float) Metrics.sigmoid(t / head.temperature()) : t;
          coefficientOut[i * h + j] = 1f;
          labelled[j]++;
        }
      }
    }
    float[] scale = new float[h];
    for (int j = 0; j < h; j++) {
      HeadSpec head = heads.get(j);
      float t = head.temperature();
      float temperatureFactor = head.objective() == Objective.SOFT_CROSS_ENTROPY ? t * t : 1f;
      scale[j] = labelled[j] == 0 ? 0f : head.weight() * temperatureFactor / labelled[j];
    }
    for (int i = 0; i < count; i++) {
      for (int j = 0; j < h; j++) {
        coefficientOut[i * h + j] *= scale[j];
      }
    }
  }

  /** The scalar loss of a batch's outputs against targets and coefficients from {@link #prepare}. */
  public NDArray loss(NDArray outputs, NDArray targets, NDArray coefficients) {
    NDArray perCell;
    NDArray squared = anySquaredError ? outputs.sub(targets).square() : null;
    if (anyCrossEntropy) {
      NDArray logits = outputs.mul(outputScale);
      NDArray crossEntropy = Activation.softPlus(logits).sub(logits.mul(targets));
      perCell = squared == null ? crossEntropy : squared.add(crossEntropy.sub(squared).mul(crossEntropyMask));
    } else {
      perCell = squared;
    }
    return perCell.mul(coefficients).sum();
  }

  /**
   * The same loss computed in double precision on the Java heap over a whole table (each head averaged
   * over all its labelled rows): the validation loss that early stopping watches.
   */
  public static double evaluate(NetworkConfig config, float[] outputs, float[] targets, int rows) {
    List<HeadSpec> heads = config.heads();
    int h = heads.size();
    double total = 0;
    for (int j = 0; j < h; j++) {
      HeadSpec head = heads.get(j);
      double sum = 0;
      int labelled = 0;
      for (int r = 0; r < rows; r++) {
        float t = targets[r * h + j];
        if (!Float.isNaN(t)) {
          sum += cellLoss(head, outputs[r * h + j], t);
          labelled++;
        }
      }
      if (labelled > 0) {
        total += head.weight() * sum / labelled;
      }
    }
    return total;
  }

  private static double cellLoss(HeadSpec head, double output, double target) {
    return switch (head.objective()) {
      case BINARY_CROSS_ENTROPY -> softPlus(output) - output * target;
      case SOFT_CROSS_ENTROPY -> {
        double t = head.temperature();
        double z = output / t;
        yield t * t * (softPlus(z) - z * Metrics.sigmoid(target / t));
      }
      case MSE, LOGIT_MSE -> (output - target) * (output - target);
    };
  }

  static double softPlus(double x) {
    return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
  }
}
