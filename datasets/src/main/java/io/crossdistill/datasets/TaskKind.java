package io.crossdistill.datasets;

/**
 * The kind of a prediction task, which fixes how its label in {@code Example.labels} is read: 0/1 for
 * {@link #BINARY}, any real value for {@link #REGRESSION}.
 */
public enum TaskKind {
  /** A 0/1 label; evaluated with AUC and log loss. */
  BINARY,
  /** A real-valued label; evaluated with RMSE and R². */
  REGRESSION
}
