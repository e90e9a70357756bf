package io.crossdistill.mapper;

import java.util.Objects;

/** Where the value of a rule comes from: a target field, a constant, or the teacher's default. */
public sealed interface Source {

  /**
   * A target field path, JSON-pointer-like: {@code /user/age} walks nested records,
   * {@code /floatFeatures/plays} looks up key {@code plays} where {@code floatFeatures} is a map.
   */
  record Field(String path) implements Source {
    public Field {
      Objects.requireNonNull(path, "path");
    }
  }

  /** Always the same value. */
  record Constant(Literal value) implements Source {
    public Constant {
      Objects.requireNonNull(value, "value");
    }
  }

  /** Explicitly missing: the input has no target counterpart and gets the teacher's default value. */
  record Default() implements Source {
  }
}
