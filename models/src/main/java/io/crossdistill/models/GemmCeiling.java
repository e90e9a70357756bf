package io.crossdistill.models;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * The matrix products of a multi-task network's trunk and heads alone, on random data of the same
 * shapes: what the engine's GEMM reaches for a batch, the ceiling a forward pass is measured against in
 * the benchmarks. Holds native memory: close it.
 */
public final class GemmCeiling implements AutoCloseable {

  private final NDManager manager;
  private final NDArray input;
  private final NDArray[] weights;

  private GemmCeiling(NDManager manager, NDArray input, NDArray[] weights) {
    this.manager = manager;
    this.input = input;
    this.weights = weights;
  }

  /**
   * Prepares the products of a {@code batch × fanIn} input through layers of {@code widths} and then
   * {@code heads} outputs.
   */
  public static GemmCeiling of(int batch, int fanIn, List<Integer> widths, int heads) {
    NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
    NDArray input = manager.randomNormal(new Shape(batch, fanIn));
    NDArray[] weights = new NDArray[widths.size() + 1];
    int in = fanIn;
    for (int layer = 0; layer < weights.length; layer++) {
      int width = layer < widths.size() ? widths.get(layer) : heads;
      weights[layer] = manager.randomUniform(-0.05f, 0.05f, new Shape(in, width));
      in = width;
    }
    return new GemmCeiling(manager, input, weights);
  }

  /** Runs the products once; returns one output value so the work cannot be optimised away. */
  public float run() {
    try (NDManager pass = manager.newSubManager()) {
      // a result belongs to its first operand's manager: the first product moves to the pass, the rest follow
      NDArray x = input.matMul(weights[0]);
      x.attach(pass);
      for (int layer = 1; layer < weights.length; layer++) {
        x = x.matMul(weights[layer]);
      }
      return x.getFloat(0, 0);
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
