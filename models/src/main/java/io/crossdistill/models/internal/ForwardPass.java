package io.crossdistill.models.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import io.crossdistill.models.NetworkConfig;

/**
 * The network's forward pass: embeddings, concatenation, ReLU trunk, linear heads. Every operation takes
 * a batch tensor as its first operand, so every intermediate result belongs to the batch's manager and
 * is freed with it; the parameters' manager never grows.
 */
public final class ForwardPass {

  private ForwardPass() {
  }

  /**
   * Raw outputs, {@code rows × headCount}.
   *
   * @param numeric the float inputs ({@code rows × numericWidth}), or null when the width is 0
   * @param idColumns one {@code rows}-long int64 tensor per id input
   */
  public static NDArray forward(NetworkConfig config, NetworkParameters parameters, NDArray numeric, NDArray[] idColumns) {
    return trunk(config, parameters, numeric, idColumns).matMul(parameters.headWeight()).add(parameters.headBias());
  }

  /**
   * The trunk's output, the input of every head ({@code rows × trunkOutputWidth}): the network's
   * representation of each row.
   */
  public static NDArray trunk(NetworkConfig config, NetworkParameters parameters, NDArray numeric, NDArray[] idColumns) {
    NDList parts = new NDList(1 + idColumns.length);
    if (numeric != null) {
      parts.add(numeric);
    }
    for (int i = 0; i < idColumns.length; i++) {
      parts.add(Embedding.embedding(idColumns[i], parameters.embedding(i), SparseFormat.DENSE).singletonOrThrow());
    }
    NDArray x = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 1);
    for (int layer = 0; layer < config.hiddenWidths().size(); layer++) {
      x = Activation.relu(x.matMul(parameters.layerWeight(layer)).add(parameters.layerBias(layer)));
    }
    return x;
  }
}
