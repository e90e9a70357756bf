package io.crossdistill.models;

/**
 * The losses of one training epoch.
 *
 * @param epoch the epoch, from 1
 * @param steps optimizer steps taken in the epoch
 * @param trainLoss mean of the epoch's minibatch losses
 * @param validationLoss the weighted multi-task loss over the whole validation table after the epoch, or
 *     NaN when training ran without validation data
 */
public record EpochLoss(int epoch, int steps, double trainLoss, double validationLoss) {
}
