package io.crossdistill.models;

import io.crossdistill.v1.InputType;
import io.crossdistill.v1.Provenance;
import io.crossdistill.v1.TeacherInput;
import io.crossdistill.v1.TeacherSignature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Trains a reference teacher of the {@link TeacherRecipe} family on source rows already in the
 * signature's layout and writes it as a sealed {@link TeacherArtifact}: id dropout to the unknown id,
 * Adam with early stopping on the validation rows, training-distribution statistics of every numeric
 * input in the signature (for drift checks), provenance (teacher id, recipe hyper-parameters, seed, and
 * the caller's input data hash and producer) and the content hash.
 */
public final class ReferenceTeacher {

  private static final long DROPOUT_SALT = 0x1DD80FL;

  private ReferenceTeacher() {
  }

  /**
   * A trained, sealed teacher.
   *
   * @param signature the sealed signature, as written
   * @param parameters trainable floats
   * @param report the training run
   */
  public record Trained(TeacherSignature signature, long parameters, TrainingReport report) {
  }

  /**
   * Trains and writes the teacher into {@code dir}.
   *
   * @param unsealed the signature (inputs with defaults, heads, no content hash); every ID input's last id
   *     is its unknown id
   * @param train training rows in the signature's layout, one target column per head
   * @param valid early-stopping rows, same shape
   * @param provenance where the data came from ({@code inputDataHash}, {@code producer}); the teacher id,
   *     hyper-parameters and seed are filled in here
   * @throws IllegalArgumentException when the signature cannot be modelled or the tables do not fit it
   */
  public static Trained train(TeacherSignature unsealed, TabularData train, TabularData valid, TeacherRecipe recipe,
      Path dir, Provenance provenance, TrainingListener listener) throws ModelException {
    Objects.requireNonNull(provenance, "provenance");
    TrainingConfig given = recipe.training();
    TrainingConfig training = new TrainingConfig(given.seed(), given.learningRate(), given.batchSize(),
        given.maxEpochs(), given.patience(), given.weightDecay(), Objects.requireNonNull(listener, "listener"));
    NetworkConfig network = NetworkConfig.fromSignature(unsealed, recipe.embeddingDim(), recipe.hiddenWidths());
    TabularData dropped = withIdDropout(train, unsealed, recipe.idDropout(), training.seed());
    try (MultiTaskModel model = MultiTaskModel.create(network, training.seed())) {
      TrainingReport report = ModelTrainer.train(model, dropped, valid, training);
      TeacherSignature withStats = InputStatistics.withStatistics(unsealed, train);
      withStats.setProvenance(Provenance.newBuilder(provenance)
          .setTeacherId(unsealed.getTeacherId())
          .setHyperParameters(new TreeMap<>(recipe.hyperParameters()))
          .setSeed(training.seed())
          .build());
      TeacherSignature sealed = TeacherArtifact.write(dir, model, withStats);
      return new Trained(sealed, model.parameterCount(), report);
    }
  }

  /**
   * A copy of {@code data} where each id is replaced, with probability {@code rate}, by its input's
   * unknown id (cardinality − 1); deterministic in {@code seed}.
   */
  public static TabularData withIdDropout(TabularData data, TeacherSignature signature, float rate, long seed) {
    List<Long> unknown = new ArrayList<>();
    for (TeacherInput input : signature.getInputs()) {
      if (input.getType() == InputType.ID) {
        unknown.add((long) input.getCardinality() - 1);
      }
    }
    int idCount = data.idCount();
    if (unknown.size() != idCount) {
      throw new IllegalArgumentException("the table has " + idCount + " id columns, the signature " + unknown.size()
          + " ID inputs");
    }
    if (rate == 0 || idCount == 0) {
      return data;
    }
    long[] ids = data.ids().clone();
    SplittableRandom random = new SplittableRandom(seed ^ DROPOUT_SALT);
    for (int i = 0; i < ids.length; i++) {
      if (random.nextDouble() < rate) {
        ids[i] = unknown.get(i % idCount);
      }
    }
    return new TabularData(data.rows(), data.numericWidth(), data.numeric(), idCount, ids, data.headCount(),
        data.targets());
  }
}
