package io.crossdistill.models;

/**
 * Receives training progress; the library itself never prints. Callbacks run on the training thread,
 * between steps, so they should be quick (a progress bar, a log line every N steps, a chart series).
 */
public interface TrainingListener {

  /** A listener that ignores everything. */
  TrainingListener NONE = new TrainingListener() { };

  /**
   * After each optimizer step.
   *
   * @param epoch the epoch, from 1
   * @param step the step within the epoch, from 1
   * @param trainLoss the minibatch's weighted multi-task loss
   */
  default void onStep(int epoch, int step, double trainLoss) {
  }

  /** After each epoch, with its mean training loss and its validation loss. */
  default void onEpoch(EpochLoss epoch) {
  }
}
