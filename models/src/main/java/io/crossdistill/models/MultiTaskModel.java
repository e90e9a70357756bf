package io.crossdistill.models;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import io.crossdistill.models.internal.AvroJson;
import io.crossdistill.models.internal.InferencePlan;
import io.crossdistill.models.internal.MaskedLoss;
import io.crossdistill.models.internal.NetworkConfigCodec;
import io.crossdistill.models.internal.NetworkParameters;
import io.crossdistill.schemas.TeacherInputBatch;
import io.crossdistill.schemas.TeacherInputLayout;
import io.crossdistill.v1.Provenance;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A multi-task network with its parameters in native memory: create one from a {@link NetworkConfig},
 * train it with {@link ModelTrainer}, predict raw head outputs, save it to a directory and load it back.
 * Close it (try-with-resources) to free its native memory.
 *
 * <p>A saved model is a directory of three files: {@code network.json} (the config, Avro JSON),
 * {@code parameters.ndlist} (the named parameter tensors in DJL's NDList encoding) and
 * {@code provenance.json} (an Avro JSON {@link Provenance}).
 *
 * <p>{@code predict} may be called from several threads at once; training must not overlap predictions.
 */
public final class MultiTaskModel implements AutoCloseable {

  static final String CONFIG_FILE = "network.json";
  static final String PARAMETERS_FILE = "parameters.ndlist";
  static final String PROVENANCE_FILE = "provenance.json";
  private static final String ENGINE = "PyTorch";

  private final NetworkConfig config;
  private final NDManager manager;
  private final NetworkParameters parameters;
  private volatile Provenance provenance;
  private volatile boolean closed;
  /** Built on the first prediction after creation, loading or training; see {@link InferencePlan}. */
  private volatile InferencePlan plan;

  private MultiTaskModel(NetworkConfig config, NDManager manager, NetworkParameters parameters, Provenance provenance) {
    this.config = config;
    this.manager = manager;
    this.parameters = parameters;
    this.provenance = provenance;
  }

  /** A freshly initialized network; the same config and seed give the same initial parameters. */
  public static MultiTaskModel create(NetworkConfig config, long seed) {
    Objects.requireNonNull(config, "config");
    NDManager manager = newManager();
    try {
      return new MultiTaskModel(config, manager, NetworkParameters.initialize(config, manager, seed), null);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /**
   * Loads a model saved by {@link #save}.
   *
   * @throws ArtifactIntegrityException when a file is missing, unreadable or does not fit the config
   */
  public static MultiTaskModel load(Path dir) throws ModelException {
    NetworkConfig config = NetworkConfigCodec.read(dir.resolve(CONFIG_FILE));
    Provenance provenance = AvroJson.read(dir.resolve(PROVENANCE_FILE), Provenance.class, Provenance.getClassSchema());
    NDManager manager = newManager();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(dir.resolve(PARAMETERS_FILE)))) {
      return new MultiTaskModel(config, manager, NetworkParameters.decode(config, manager, in), provenance);
    } catch (NoSuchFileException e) {
      manager.close();
      throw new ArtifactIntegrityException("missing file " + dir.resolve(PARAMETERS_FILE), e);
    } catch (IOException e) {
      manager.close();
      throw new ArtifactIntegrityException("cannot read " + dir.resolve(PARAMETERS_FILE), e);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** The network's shape and heads. */
  public NetworkConfig config() {
    return config;
  }

  /** Number of trainable floats. */
  public long parameterCount() {
    return config.parameterCount();
  }

  /** The provenance the model was last saved or loaded with, if any. */
  public Optional<Provenance> provenance() {
    return Optional.ofNullable(provenance);
  }

  /**
   * Raw outputs for every row, {@code rows × headCount} row-major: logits for heads whose objective
   * {@linkplain Objective#outputsLogit() outputs a logit}, values for regression heads.
   *
   * @throws IllegalArgumentException when the table's widths do not fit the network or an id is out of range
   */
  public float[] predict(TabularData data) {
    List<String> problems = new ArrayList<>();
    if (data.numericWidth() != config.numericWidth()) {
      problems.add("numericWidth " + data.numericWidth() + " != network's " + config.numericWidth());
    }
    if (data.idCount() != config.idCount()) {
      problems.add("idCount " + data.idCount() + " != network's " + config.idCount());
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("data does not fit the network: " + String.join("; ", problems));
    }
    float[] out = new float[data.rows() * config.headCount()];
    run(data.numericData(), data.idData(), data.rows(), out);
    return out;
  }

  /**
   * The trunk's output for every row, {@code rows × trunkOutputWidth} row-major: the representation
   * every head reads (the penultimate layer). A teacher's representation of a target user can be stored
   * once and looked up as a student input, so serving never calls the teacher.
   *
   * @throws IllegalArgumentException when the table's widths do not fit the network
   */
  public float[] represent(TabularData data) {
    if (data.numericWidth() != config.numericWidth() || data.idCount() != config.idCount()) {
      throw new IllegalArgumentException("data does not fit the network: numericWidth " + data.numericWidth()
          + " (network " + config.numericWidth() + "), idCount " + data.idCount() + " (network " + config.idCount() + ")");
    }
    checkOpen();
    float[] out = new float[data.rows() * config.trunkOutputWidth()];
    io.crossdistill.models.internal.BatchPredictor.represent(config, parameters, manager, data.numericData(),
        data.idData(), data.rows(), out);
    return out;
  }

  /**
   * The embedding table of one id input, {@code cardinality × embeddingDim} row-major: row {@code i} is
   * the network's learned vector for id {@code i}.
   *
   * @throws IllegalArgumentException when the network has no id input of that name
   */
  public float[] embeddingTable(String idInput) {
    checkOpen();
    for (int i = 0; i < config.idInputs().size(); i++) {
      if (config.idInputs().get(i).name().equals(idInput)) {
        return parameters.embedding(i).toFloatArray();
      }
    }
    throw new IllegalArgumentException("no id input '" + idInput + "' (inputs: "
        + config.idInputs().stream().map(IdInput::name).toList() + ")");
  }

  /**
   * The model's weighted multi-task loss on a labelled table, as training defines it (each head's loss
   * averaged over its labelled rows, weighted, summed): the quantity early stopping minimizes.
   *
   * @throws IllegalArgumentException when the table does not fit the network
   */
  public double loss(TabularData data) {
    if (data.headCount() != config.headCount()) {
      throw new IllegalArgumentException("data has " + data.headCount() + " target columns, the network "
          + config.headCount() + " heads");
    }
    return MaskedLoss.evaluate(config, predict(data), data.targetData(), data.rows());
  }

  /** Raw outputs for the filled rows of a teacher input batch, {@code size × headCount} row-major. */
  public float[] predict(TeacherInputBatch batch) {
    float[] out = new float[batch.size() * config.headCount()];
    predict(batch, out);
    return out;
  }

  /**
   * Writes the raw outputs of a teacher input batch's filled rows into {@code out}, which must hold at
   * least {@code size × headCount} floats; lets a caller reuse one output buffer across batches.
   *
   * @throws IllegalArgumentException when the batch's layout does not fit the network or an id is out of range
   */
  public void predict(TeacherInputBatch batch, float[] out) {
    TeacherInputLayout layout = batch.layout();
    List<String> problems = new ArrayList<>();
    if (layout.numericWidth() != config.numericWidth()) {
      problems.add("layout numericWidth " + layout.numericWidth() + " != network's " + config.numericWidth());
    }
    if (layout.idCount() != config.idCount()) {
      problems.add("layout idCount " + layout.idCount() + " != network's " + config.idCount());
    }
    if (out.length < batch.size() * config.headCount()) {
      problems.add("output buffer holds " + out.length + " floats, needs " + batch.size() * config.headCount());
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("batch does not fit the network: " + String.join("; ", problems));
    }
    run(batch.numeric(), batch.ids(), batch.size(), out);
  }

  /**
   * Sets every head's bias, e.g. to the log-odds of a binary task's label prior and the mean of a
   * regression target, so training starts from the prior instead of spending its first epochs finding it.
   *
   * @param biases one value per head, in head order
   * @throws IllegalArgumentException when the count does not match or a value is not finite
   */
  public void setHeadBiases(float[] biases) {
    if (biases.length != config.headCount()) {
      throw new IllegalArgumentException(biases.length + " head biases for " + config.headCount() + " heads");
    }
    for (int i = 0; i < biases.length; i++) {
      if (!Float.isFinite(biases[i])) {
        throw new IllegalArgumentException("head bias " + i + " (" + config.heads().get(i).name() + ") is " + biases[i]);
      }
    }
    parameters().headBias().set(biases);
  }

  /**
   * Writes the model to {@code dir} (created if needed; the model's files in it are replaced).
   *
   * @throws ModelException when a file cannot be written
   */
  public void save(Path dir, Provenance provenance) throws ModelException {
    Objects.requireNonNull(provenance, "provenance");
    checkOpen();
    try {
      Files.createDirectories(dir);
      NetworkConfigCodec.write(dir.resolve(CONFIG_FILE), config);
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(PARAMETERS_FILE)))) {
        parameters.encode(out);
      }
      AvroJson.write(dir.resolve(PROVENANCE_FILE), provenance);
    } catch (IOException e) {
      throw new ModelException("cannot save model to " + dir + ": " + e.getMessage(), e);
    }
    this.provenance = provenance;
  }

  /** Frees the native memory; the model cannot be used afterwards. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      manager.close();
    }
  }

  /** The parameters, for training: the inference plan built from their old values is dropped. */
  NetworkParameters parameters() {
    checkOpen();
    synchronized (this) {
      if (plan != null) {
        plan.close();
        plan = null;
      }
    }
    return parameters;
  }

  NDManager manager() {
    checkOpen();
    return manager;
  }

  private void run(float[] numeric, long[] ids, int rows, float[] out) {
    checkOpen();
    currentPlan().predict(numeric, ids, rows, out);
  }

  private InferencePlan currentPlan() {
    InferencePlan built = plan;
    if (built != null) {
      return built;
    }
    synchronized (this) {
      if (plan == null) {
        plan = InferencePlan.build(config, parameters, manager);
      }
      return plan;
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the model is closed");
    }
  }

  private static NDManager newManager() {
    try {
      return NDManager.newBaseManager(Device.cpu(), ENGINE);
    } catch (EngineException e) {
      // like DJL's own EngineException: no engine is no model at all, not a failure of one model
      throw new IllegalStateException("cannot start the " + ENGINE + " engine: " + e.getMessage(), e);
    }
  }
}
