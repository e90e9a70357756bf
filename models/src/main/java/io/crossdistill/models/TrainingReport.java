package io.crossdistill.models;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a training run did: how many epochs it ran, which epoch's parameters the model kept, the loss
 * curve and how long it took.
 *
 * @param epochsRun epochs actually run (fewer than the maximum when early stopping fired)
 * @param bestEpoch the epoch whose parameters the model holds now (the last one without validation data)
 * @param epochs the per-epoch losses, in order
 * @param stoppedEarly whether early stopping ended the run before the maximum number of epochs
 * @param wallTime wall-clock time of the whole run
 */
public record TrainingReport(int epochsRun, int bestEpoch, List<EpochLoss> epochs, boolean stoppedEarly, Duration wallTime) {

  /** Copies the loss list. */
  public TrainingReport {
    epochs = List.copyOf(epochs);
    Objects.requireNonNull(wallTime, "wallTime");
  }

  /** The validation loss of the kept epoch (NaN without validation data or when no epoch ran). */
  public double bestValidationLoss() {
    return bestEpoch < 1 ? Double.NaN : epochs.get(bestEpoch - 1).validationLoss();
  }
}
