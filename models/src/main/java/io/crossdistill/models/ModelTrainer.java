package io.crossdistill.models;

import io.crossdistill.models.internal.Table;
import io.crossdistill.models.internal.TrainingLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Trains a {@link MultiTaskModel} in place with minibatch Adam on the masked, weighted multi-task loss,
 * with early stopping on a validation table: after {@code patience} epochs without a lower validation
 * loss it stops, and the model keeps the best epoch's parameters. The same model, data and config
 * (seed included) give bit-for-bit the same parameters.
 *
 * <p>Runs are serialized within a JVM (the engine has one global gradient recorder and random seed).
 * If a run fails, the model keeps the parameters it had before.
 */
public final class ModelTrainer {

  private ModelTrainer() {
  }

  /**
   * Trains with early stopping on {@code validation}.
   *
   * @throws IllegalArgumentException when a table does not fit the network or the validation table is empty
   */
  public static TrainingReport train(MultiTaskModel model, TabularData train, TabularData validation, TrainingConfig config) {
    List<String> problems = new ArrayList<>();
    checkFits(model.config(), train, "train", problems);
    checkFits(model.config(), validation, "validation", problems);
    if (validation.rows() == 0) {
      problems.add("validation: early stopping needs at least one row");
    }
    throwIfAny(problems);
    return new TrainingLoop(model.config(), config)
        .run(model.parameters(), model.manager(), table(train), Optional.of(table(validation)));
  }

  /** Trains for exactly {@code config.maxEpochs()} epochs, without validation data. */
  public static TrainingReport train(MultiTaskModel model, TabularData train, TrainingConfig config) {
    List<String> problems = new ArrayList<>();
    checkFits(model.config(), train, "train", problems);
    throwIfAny(problems);
    return new TrainingLoop(model.config(), config)
        .run(model.parameters(), model.manager(), table(train), Optional.empty());
  }

  private static Table table(TabularData data) {
    return new Table(data.rows(), data.numericData(), data.idData(), data.targetData());
  }

  private static void checkFits(NetworkConfig config, TabularData data, String name, List<String> problems) {
    if (data.numericWidth() != config.numericWidth()) {
      problems.add(name + ": numericWidth " + data.numericWidth() + " != network's " + config.numericWidth());
    }
    if (data.idCount() != config.idCount()) {
      problems.add(name + ": idCount " + data.idCount() + " != network's " + config.idCount());
    }
    if (data.headCount() != config.headCount()) {
      problems.add(name + ": headCount " + data.headCount() + " != network's " + config.headCount());
    }
  }

  private static void throwIfAny(List<String> problems) {
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("cannot train: " + String.join("; ", problems));
    }
  }
}
