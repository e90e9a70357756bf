package io.crossdistill.models;

/**
 * What a head is trained to do, i.e. which loss it gets and what its raw output means. Targets are read
 * from the head's column of {@link TabularData#targets()}; a NaN target means "no label for this row".
 */
public enum Objective {
  /** A binary task: the target is 0 or 1, the output is a logit, the loss is sigmoid cross-entropy. */
  BINARY_CROSS_ENTROPY,
  /** A regression task: the output is a value, the loss is the squared error. */
  MSE,
  /**
   * Distillation of a teacher logit: the target is the teacher's logit, the loss is the squared error
   * between student and teacher logits; the output is a logit.
   */
  LOGIT_MSE,
  /**
   * Distillation of a teacher logit with a temperature {@code T}: the target is the teacher's logit
   * {@code t}, the loss is the cross-entropy of {@code sigmoid(output / T)} against the soft label
   * {@code sigmoid(t / T)}, multiplied by {@code T²} so gradients keep their scale; the output is a logit.
   */
  SOFT_CROSS_ENTROPY;

  /** Whether the head's raw output is a logit (binary and distillation heads) rather than a value. */
  public boolean outputsLogit() {
    return this != MSE;
  }

  /** Whether the loss is a sigmoid cross-entropy (hard or soft labels) rather than a squared error. */
  public boolean isCrossEntropy() {
    return this == BINARY_CROSS_ENTROPY || this == SOFT_CROSS_ENTROPY;
  }
}
