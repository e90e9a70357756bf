package io.crossdistill.aligner;

import java.util.Objects;

/**
 * How strongly and with which loss the student distils one task: the trainer multiplies the task's
 * distillation loss by {@code weight} and softens logits by {@code temperature}. Numbers are checked by
 * validation (finite, weight at least 0, temperature above 0), not here, so that a bad value can be
 * reported with its path.
 *
 * @param weight      multiplier of this task's distillation loss
 * @param loss        the distillation loss
 * @param temperature softening temperature of the soft-label loss (1 means none)
 */
public record DistillationSettings(double weight, DistillationLoss loss, double temperature) {

    /** Weight 1, logit MSE, temperature 1: what a task gets when the spec says nothing. */
    public static final DistillationSettings DEFAULT = new DistillationSettings(1.0, DistillationLoss.LOGIT_MSE, 1.0);

    public DistillationSettings {
        Objects.requireNonNull(loss, "loss");
    }
}
