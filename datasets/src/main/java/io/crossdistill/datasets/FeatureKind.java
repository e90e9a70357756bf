package io.crossdistill.datasets;

/**
 * How a feature is stored in an {@link io.crossdistill.v1.Example}: {@link #FLOAT} features live in
 * {@code floatFeatures}, {@link #ID} features (categorical, dense integer ids) live in {@code idFeatures}.
 */
public enum FeatureKind {
  /** A real number in {@code Example.floatFeatures}. */
  FLOAT,
  /** A categorical id in {@code [0, cardinality)} in {@code Example.idFeatures}. */
  ID
}
