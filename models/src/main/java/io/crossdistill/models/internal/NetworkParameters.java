package io.crossdistill.models.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.crossdistill.models.ArtifactIntegrityException;
import io.crossdistill.models.IdInput;
import io.crossdistill.models.ModelException;
import io.crossdistill.models.NetworkConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The named parameter tensors of a multi-task network, in a fixed order: one embedding table per id
 * input, then weight and bias of every hidden layer, then the weight and bias of the head layer (all
 * heads side by side, one column each). The tensors belong to the manager they were made in.
 */
public final class NetworkParameters {

  private final NetworkConfig config;
  private final String[] names;
  private final NDArray[] arrays;

  private NetworkParameters(NetworkConfig config, String[] names, NDArray[] arrays) {
    this.config = config;
    this.names = names;
    this.arrays = arrays;
  }

  /** Fresh parameters drawn from {@code seed} with a Java generator, so they never depend on engine RNG state. */
  public static NetworkParameters initialize(NetworkConfig config, NDManager manager, long seed) {
    List<Spec> specs = specs(config);
    SplittableRandom random = new SplittableRandom(seed);
    NDArray[] arrays = new NDArray[specs.size()];
    for (int i = 0; i < arrays.length; i++) {
      Spec spec = specs.get(i);
      float[] values = new float[Math.toIntExact(spec.shape().size())];
      spec.init().fill(values, spec.shape(), random.split());
      arrays[i] = manager.create(values, spec.shape());
      arrays[i].setName(spec.name());
    }
    return new NetworkParameters(config, names(specs), arrays);
  }

  /**
   * Parameters read from a DJL {@link NDList} stream, checked name by name and shape by shape against
   * the config.
   */
  public static NetworkParameters decode(NetworkConfig config, NDManager manager, InputStream in) throws ModelException {
    List<Spec> specs = specs(config);
    NDList list;
    try {
      list = NDList.decode(manager, in);
    } catch (RuntimeException e) {
      throw new ArtifactIntegrityException("unreadable parameter file: " + e.getMessage(), e);
    }
    List<String> problems = new ArrayList<>();
    if (list.size() != specs.size()) {
      problems.add("expected " + specs.size() + " parameter tensors, found " + list.size());
    } else {
      for (int i = 0; i < specs.size(); i++) {
        Spec spec = specs.get(i);
        NDArray array = list.get(i);
        if (!spec.name().equals(array.getName()) || !spec.shape().equals(array.getShape())
            || array.getDataType() != DataType.FLOAT32) {
          problems.add("tensor " + i + " is " + array.getName() + array.getShape() + " " + array.getDataType()
              + ", expected " + spec.name() + spec.shape() + " float32");
        }
      }
    }
    if (!problems.isEmpty()) {
      list.close();
      throw new ArtifactIntegrityException("parameters do not fit the network config: " + String.join("; ", problems));
    }
    return new NetworkParameters(config, names(specs), list.toArray(new NDArray[0]));
  }

  /** Writes all tensors, with their names, in DJL's {@link NDList} encoding. */
  public void encode(OutputStream out) throws IOException {
    new NDList(arrays).encode(out);
  }

  /** Copies of these parameters in another manager, optionally tracking gradients (for training). */
  public NetworkParameters copyTo(NDManager manager, boolean requiresGradient) {
    NDArray[] copies = new NDArray[arrays.length];
    for (int i = 0; i < arrays.length; i++) {
      copies[i] = manager.create(arrays[i].toFloatArray(), arrays[i].getShape());
      copies[i].setName(names[i]);
      if (requiresGradient) {
        copies[i].setRequiresGradient(true);
      }
    }
    return new NetworkParameters(config, names.clone(), copies);
  }

  /** The current values, on the Java heap (for restoring the best epoch). */
  public float[][] snapshot() {
    float[][] values = new float[arrays.length][];
    for (int i = 0; i < arrays.length; i++) {
      values[i] = arrays[i].toFloatArray();
    }
    return values;
  }

  /** Overwrites the tensors in place with values from {@link #snapshot()}. */
  public void restore(float[][] values) {
    for (int i = 0; i < arrays.length; i++) {
      arrays[i].set(values[i]);
    }
  }

  /** Number of tensors. */
  public int size() {
    return arrays.length;
  }

  /** The tensor at a position of the fixed order. */
  public NDArray get(int index) {
    return arrays[index];
  }

  /** The name of the tensor at a position, e.g. {@code trunk.0.weight}. */
  public String name(int index) {
    return names[index];
  }

  /** The embedding table of id input {@code i}. */
  public NDArray embedding(int i) {
    return arrays[i];
  }

  /** The weight of hidden layer {@code layer}, {@code in × out}. */
  public NDArray layerWeight(int layer) {
    return arrays[config.idCount() + 2 * layer];
  }

  /** The bias of hidden layer {@code layer}. */
  public NDArray layerBias(int layer) {
    return arrays[config.idCount() + 2 * layer + 1];
  }

  /** The head layer's weight, {@code trunkOutputWidth × headCount}. */
  public NDArray headWeight() {
    return arrays[arrays.length - 2];
  }

  /** The head layer's bias, one per head. */
  public NDArray headBias() {
    return arrays[arrays.length - 1];
  }

  private static String[] names(List<Spec> specs) {
    return specs.stream().map(Spec::name).toArray(String[]::new);
  }

  private static List<Spec> specs(NetworkConfig config) {
    List<Spec> specs = new ArrayList<>();
    for (IdInput id : config.idInputs()) {
      specs.add(new Spec("embedding." + id.name(), new Shape(id.cardinality(), id.embeddingDim()), Init.EMBEDDING));
    }
    long fanIn = config.trunkInputWidth();
    for (int layer = 0; layer < config.hiddenWidths().size(); layer++) {
      int width = config.hiddenWidths().get(layer);
      specs.add(new Spec("trunk." + layer + ".weight", new Shape(fanIn, width), Init.HE_UNIFORM));
      specs.add(new Spec("trunk." + layer + ".bias", new Shape(width), Init.ZERO));
      fanIn = width;
    }
    specs.add(new Spec("heads.weight", new Shape(fanIn, config.headCount()), Init.PER_HEAD_UNIFORM));
    specs.add(new Spec("heads.bias", new Shape(config.headCount()), Init.ZERO));
    return specs;
  }

  private record Spec(String name, Shape shape, Init init) {
  }

  private enum Init {
    ZERO {
      @Override
      void fill(float[] values, Shape shape, SplittableRandom random) {
        // zeros already
      }
    },
    EMBEDDING {
      @Override
      void fill(float[] values, Shape shape, SplittableRandom random) {
        double std = 1.0 / Math.sqrt(shape.get(1));
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) (random.nextGaussian() * std);
        }
      }
    },
    HE_UNIFORM {
      @Override
      void fill(float[] values, Shape shape, SplittableRandom random) {
        uniform(values, Math.sqrt(6.0 / shape.get(0)), random);
      }
    },
    /**
     * Each head's column from its own stream, with a bound that does not depend on how many heads there
     * are: adding heads (a distilled student's auxiliary heads) leaves the other heads' initial weights as
     * they were, so a control and a distilled student of one seed start from the same serving network.
     */
    PER_HEAD_UNIFORM {
      @Override
      void fill(float[] values, Shape shape, SplittableRandom random) {
        int rows = Math.toIntExact(shape.get(0));
        int heads = Math.toIntExact(shape.get(1));
        double bound = Math.sqrt(6.0 / (rows + 1));
        for (int head = 0; head < heads; head++) {
          SplittableRandom column = random.split();
          for (int row = 0; row < rows; row++) {
            values[row * heads + head] = (float) ((column.nextDouble() * 2 - 1) * bound);
          }
        }
      }
    };

    abstract void fill(float[] values, Shape shape, SplittableRandom random);

    private static void uniform(float[] values, double bound, SplittableRandom random) {
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
      }
    }
  }
}
