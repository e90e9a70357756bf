package io.crossdistill.aligner;

/**
 * The loss a student's distillation head uses for one task. Both read the aligned label as it comes out of
 * {@link CompiledAlignment}: a logit for binary tasks, a value for regression tasks.
 */
public enum DistillationLoss {
    /** Squared error between the student's logit (or value, for regression tasks) and the aligned label. */
    LOGIT_MSE,
    /** Cross-entropy against the soft label sigmoid(label / temperature); binary tasks only. */
    SOFT_CROSS_ENTROPY
}
