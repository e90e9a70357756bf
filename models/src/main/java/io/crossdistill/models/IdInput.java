package io.crossdistill.models;

import java.util.Objects;

/**
 * An integer id input of a network, embedded by its own table of {@code cardinality} rows of
 * {@code embeddingDim} floats. Ids must lie in {@code [0, cardinality)}.
 *
 * @param name the input's name (for diagnostics and saved parameter names)
 * @param cardinality number of distinct ids
 * @param embeddingDim width of one embedding row
 */
public record IdInput(String name, int cardinality, int embeddingDim) {

  /** Validates the name and sizes. */
  public IdInput {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("id input name must not be blank");
    }
    if (cardinality <= 0) {
      throw new IllegalArgumentException("id input '" + name + "': cardinality must be positive, got " + cardinality);
    }
    if (embeddingDim <= 0) {
      throw new IllegalArgumentException("id input '" + name + "': embeddingDim must be positive, got " + embeddingDim);
    }
  }
}
