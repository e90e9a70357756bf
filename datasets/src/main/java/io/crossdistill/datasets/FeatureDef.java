package io.crossdistill.datasets;

import java.util.Objects;

/**
 * One input feature of a domain: its name in the example's feature maps, its kind, and for
 * {@link FeatureKind#ID} features the size of the id space, so that models can size embedding tables
 * without scanning the data.
 *
 * @param name key in {@code Example.floatFeatures} (FLOAT) or {@code Example.idFeatures} (ID)
 * @param kind where the feature lives and how it is encoded
 * @param cardinality ids lie in {@code [0, cardinality)} for ID features; always 0 for FLOAT features
 * @param doc one sentence saying what the feature means
 */
public record FeatureDef(String name, FeatureKind kind, int cardinality, String doc) {

  /** Validates the definition. */
  public FeatureDef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(doc, "doc");
    if (name.isBlank()) {
      throw new IllegalArgumentException("feature name is blank");
    }
    if (kind == FeatureKind.ID && cardinality <= 0) {
      throw new IllegalArgumentException("ID feature " + name + " needs a positive cardinality, got " + cardinality);
    }
    if (kind == FeatureKind.FLOAT && cardinality != 0) {
      throw new IllegalArgumentException("FLOAT feature " + name + " must have cardinality 0, got " + cardinality);
    }
  }

  /** A real-valued feature. */
  public static FeatureDef floatFeature(String name, String doc) {
    return new FeatureDef(name, FeatureKind.FLOAT, 0, doc);
  }

  /** A categorical feature with ids in {@code [0, cardinality)}. */
  public static FeatureDef idFeature(String name, int cardinality, String doc) {
    return new FeatureDef(name, FeatureKind.ID, cardinality, doc);
  }
}
