package io.crossdistill.mapper.internal;

import io.crossdistill.mapper.Literal;
import io.crossdistill.v1.TeacherInput;
import java.util.List;

/** Constants and teacher defaults: checked against a teacher input, then prepared for its slot. */
final class FixedValues {

  private FixedValues() {
  }

  /** Why {@code value} does not fit {@code input}, or null when it does. */
  static String problem(Literal value, TeacherInput input) {
    String name = "teacher input '" + input.getName() + "'";
    return switch (input.getType()) {
      case FLOAT -> {
        if (value instanceof Literal.Number n) {
          yield Double.isFinite(n.value()) && Float.isFinite((float) n.value()) ? null
              : "constant must be a finite float, got " + n.value();
        }
        yield value instanceof Literal.Id ? null : name + " is a FLOAT input, but the constant is " + describe(value);
      }
      case ID -> {
        if (!(value instanceof Literal.Id id)) {
          yield name + " is an ID input, so the constant must be an integer, but it is " + describe(value);
        }
        yield id.value() >= 0 && id.value() < input.getCardinality() ? null
            : "id " + id.value() + " is outside 0.." + (input.getCardinality() - 1) + " (cardinality of " + name + ")";
      }
      case STRING -> value instanceof Literal.Text ? null
          : name + " is a STRING input, but the constant is " + describe(value);
      case FLOAT_VECTOR -> {
        if (!(value instanceof Literal.Vector v)) {
          yield name + " is a FLOAT_VECTOR input, but the constant is " + describe(value);
        }
        if (v.values().size() != input.getDimension()) {
          yield "the vector has " + v.values().size() + " values, " + name + " takes " + input.getDimension();
        }
        for (Float x : v.values()) {
          if (x == null || !Float.isFinite(x)) {
            yield "vector values must be finite floats, got " + x;
          }
        }
        yield null;
      }
    };
  }

  /** The teacher's default as a literal, or null when the signature declares none. */
  static Literal defaultOf(TeacherInput input) {
    Object d = input.getDefaultValue();
    if (d instanceof Float f) {
      return new Literal.Number(f);
    } else if (d instanceof Double f) {
      return new Literal.Number(f);
    } else if (d instanceof Long l) {
      return new Literal.Id(l);
    } else if (d instanceof Integer l) {
      return new Literal.Id(l);
    } else if (d instanceof CharSequence s) {
      return new Literal.Text(s.toString());
    } else if (d instanceof List<?> list) {
      Float[] values = new Float[list.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = list.get(i) instanceof Number n ? n.floatValue() : null;
      }
      return new Literal.Vector(java.util.Arrays.asList(values));
    }
    return null;
  }

  /** The value of {@code literal} (already checked) for {@code slot}; null means the zero value. */
  static Slot.Fixed fixed(Literal literal, Slot slot) {
    return switch (slot.type()) {
      case FLOAT -> new Slot.Fixed(slot, literal instanceof Literal.Number n ? (float) n.value()
          : literal instanceof Literal.Id id ? (float) id.value() : 0f, 0, null, null);
      case ID -> new Slot.Fixed(slot, 0f, literal instanceof Literal.Id id ? id.value() : 0, null, null);
      case STRING -> new Slot.Fixed(slot, 0f, 0, literal instanceof Literal.Text t ? t.value() : "", null);
      case FLOAT_VECTOR -> {
        float[] vector = new float[slot.dimension()];
        if (literal instanceof Literal.Vector v) {
          for (int i = 0; i < vector.length; i++) {
            vector[i] = v.values().get(i);
          }
        }
        yield new Slot.Fixed(slot, 0f, 0, null, vector);
      }
    };
  }

  private static String describe(Literal value) {
    if (value instanceof Literal.Number n) {
      return "the float " + n.value();
    } else if (value instanceof Literal.Id id) {
      return "the integer " + id.value();
    } else if (value instanceof Literal.Text t) {
      return "the string '" + t.value() + "'";
    }
    return "a vector";
  }
}
