package io.crossdistill.aligner;

/**
 * What a target task predicts: a binary event (its teacher labels are logits) or a real value (its teacher
 * labels are values). The kind fixes the label space the student's distillation head reads.
 */
public enum TaskKind {
    /** A binary event; aligned labels are logits. */
    BINARY,
    /** A real-valued target; aligned labels are values. */
    REGRESSION
}
