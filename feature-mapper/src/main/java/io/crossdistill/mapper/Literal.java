package io.crossdistill.mapper;

import java.util.List;
import java.util.Objects;

/** A constant value in a spec: a float, an integer id, a string or a float vector. */
public sealed interface Literal {

  /** A floating-point number (written with a fraction or exponent in JSON, e.g. {@code 1.0}). */
  record Number(double value) implements Literal {
  }

  /** An integer (written without a fraction in JSON, e.g. {@code 3}); usable for float inputs too. */
  record Id(long value) implements Literal {
  }

  /** A string, for STRING inputs. */
  record Text(String value) implements Literal {
    public Text {
      Objects.requireNonNull(value, "value");
    }
  }

  /** A float vector, for FLOAT_VECTOR inputs. */
  record Vector(List<Float> values) implements Literal {
    public Vector {
      values = List.copyOf(values);
    }
  }
}
