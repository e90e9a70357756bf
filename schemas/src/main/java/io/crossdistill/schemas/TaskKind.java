package io.crossdistill.schemas;

/**
 * What a prediction task predicts, which fixes how its labels are read and scored: a binary event (labels
 * 0 or 1; its teacher labels are logits; scored with AUC, log loss and calibration error) or a real value
 * (any real label; its teacher labels are values; scored with R² and RMSE). Data sets, alignments and
 * students all speak this one vocabulary.
 */
public enum TaskKind {
  /** A binary event: a 0/1 label; teacher labels are logits. */
  BINARY,
  /** A real-valued target: any real label; teacher labels are values. */
  REGRESSION
}
