package io.crossdistill.models.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.crossdistill.models.NetworkConfig;

/**
 * Batched inference over row-major input arrays: each batch runs in its own sub-manager that is closed
 * before the next one starts, so native memory stays flat however many rows are predicted.
 */
public final class BatchPredictor {

  /** Rows per forward pass. */
  public static final int DEFAULT_BATCH_ROWS = 4096;

  private BatchPredictor() {
  }

  /**
   * Writes the raw outputs of rows {@code 0..rows-1} into {@code out} ({@code rows × headCount}).
   *
   * @param numeric row-major floats, at least {@code rows × numericWidth}
   * @param ids row-major ids, at least {@code rows × idCount}
   */
  public static void predict(NetworkConfig config, NetworkParameters parameters, NDManager parent,
      float[] numeric, long[] ids, int rows, float[] out) {
    int heads = config.headCount();
    BatchBuffers buffers = new BatchBuffers(config, Math.max(1, Math.min(rows, DEFAULT_BATCH_ROWS)));
    for (int first = 0; first < rows; first += buffers.capacity()) {
      int count = Math.min(buffers.capacity(), rows - first);
      buffers.copy(numeric, ids, first, count);
      try (NDManager batch = parent.newSubManager()) {
        NDArray outputs = ForwardPass.forward(config, parameters, buffers.numericTensor(batch), buffers.idTensors(batch));
        System.arraycopy(outputs.toFloatArray(), 0, out, first * heads, count * heads);
      }
    }
  }

  /**
   * Writes the trunk outputs (the representation the heads read) of rows {@code 0..rows-1} into
   * {@code out} ({@code rows × trunkOutputWidth}).
   */
  public static void represent(NetworkConfig config, NetworkParameters parameters, NDManager parent,
      float[] numeric, long[] ids, int rows, float[] out) {
    int width = config.trunkOutputWidth();
    BatchBuffers buffers = new BatchBuffers(config, Math.max(1, Math.min(rows, DEFAULT_BATCH_ROWS)));
    for (int first = 0; first < rows; first += buffers.capacity()) {
      int count = Math.min(buffers.capacity(), rows - first);
      buffers.copy(numeric, ids, first, count);
      try (NDManager batch = parent.newSubManager()) {
        NDArray trunk = ForwardPass.trunk(config, parameters, buffers.numericTensor(batch), buffers.idTensors(batch));
        System.arraycopy(trunk.toFloatArray(), 0, out, first * width, count * width);
      }
    }
  }
}
