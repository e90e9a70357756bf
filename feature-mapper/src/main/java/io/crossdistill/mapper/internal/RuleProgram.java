package io.crossdistill.mapper.internal;

import io.crossdistill.mapper.BadRecord;
import io.crossdistill.mapper.MissingPolicy;
import io.crossdistill.schemas.TeacherInputBatch;
import java.util.List;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.generic.PrimitivesArrays;

/** One compiled rule: writes one teacher input of a row. */
abstract class RuleProgram {

  static final int WROTE = 0;
  static final int DEFAULTED = 1;
  static final int FAILED = 2;

  final String input;

  RuleProgram(String input) {
    this.input = input;
  }

  /** Writes the input into {@code row}; on {@link #FAILED} the cell holds the failure. */
  abstract int run(IndexedRecord record, ValueCell cell, TeacherInputBatch batch, int row);

  /** A constant or a default: the same value for every record. */
  static final class FixedRule extends RuleProgram {
    private final Slot.Fixed value;
    private final int status;

    FixedRule(String input, Slot.Fixed value, boolean defaulted) {
      super(input);
      this.value = value;
      this.status = defaulted ? DEFAULTED : WROTE;
    }

    @Override
    int run(IndexedRecord record, ValueCell cell, TeacherInputBatch batch, int row) {
      value.write(batch, row);
      return status;
    }
  }

  /** A field read through a chain of steps. */
  static final class FieldRule extends RuleProgram {
    private final TargetPath path;
    private final ValueKind leafKind;
    private final Step[] steps;
    private final ValueKind finalKind;
    private final boolean rejectMissing;
    private final Slot.Fixed fallback;
    private final Slot slot;

    FieldRule(String input, TargetPath path, ValueKind leafKind, Step[] steps, ValueKind finalKind,
        MissingPolicy onMissing, Slot.Fixed fallback) {
      super(input);
      this.path = path;
      this.leafKind = leafKind;
      this.steps = steps;
      this.finalKind = finalKind;
      this.rejectMissing = onMissing == MissingPolicy.REJECT;
      this.fallback = fallback;
      this.slot = fallback.slot();
    }

    @Override
    int run(IndexedRecord record, ValueCell cell, TeacherInputBatch batch, int row) {
      Object raw = path.read(record);
      int status = raw == null ? cell.missing(path.path()) : load(raw, cell);
      for (int i = 0; status == ValueCell.OK && i < steps.length; i++) {
        status = steps[i].apply(cell, record);
      }
      if (status == ValueCell.OK) {
        return store(cell, batch, row) ? WROTE : FAILED;
      }
      if (status == ValueCell.MISSING) {
        if (rejectMissing) {
          cell.fail(BadRecord.Kind.MISSING, cell.missingPath, "field is missing and the rule rejects missing values");
          return FAILED;
        }
        fallback.write(batch, row);
        return DEFAULTED;
      }
      return FAILED;
    }

    private int load(Object raw, ValueCell cell) {
      switch (leafKind) {
        case FLOAT -> {
          double x;
          if (raw instanceof Float f) {
            x = f;
          } else if (raw instanceof Double d) {
            x = d;
          } else {
            return wrongType(cell, raw, "a float");
          }
          if (!Double.isFinite(x)) {
            return cell.fail(BadRecord.Kind.NOT_FINITE, path.path(), x + " is not allowed");
          }
          cell.number = x;
        }
        case LONG -> {
          if (raw instanceof Long n) {
            cell.id = n;
          } else if (raw instanceof Integer n) {
            cell.id = n;
          } else if (raw instanceof Boolean b) {
            cell.id = b ? 1 : 0;
          } else {
            return wrongType(cell, raw, "an integer");
          }
        }
        case STRING -> {
          if (raw instanceof CharSequence s) {
            cell.text = s;
          } else if (raw instanceof GenericEnumSymbol<?> e) {
            cell.text = e.toString();
          } else if (raw instanceof Enum<?> e) {
            cell.text = e.name();
          } else {
            return wrongType(cell, raw, "a string");
          }
        }
        case VECTOR -> {
          if (!(raw instanceof List<?> list)) {
            return wrongType(cell, raw, "an array");
          }
          cell.vector = list;
        }
        default -> throw new IllegalStateException("unknown kind " + leafKind);
      }
      return ValueCell.OK;
    }

    private int wrongType(ValueCell cell, Object raw, String expected) {
      return cell.fail(BadRecord.Kind.WRONG_TYPE, path.path(),
          "expected " + expected + ", got " + raw.getClass().getSimpleName());
    }

    private boolean store(ValueCell cell, TeacherInputBatch batch, int row) {
      int at = slot.index(row);
      switch (slot.type()) {
        case FLOAT -> {
          float x = (float) (finalKind == ValueKind.LONG ? cell.id : cell.number);
          if (!Float.isFinite(x)) {
            cell.fail(BadRecord.Kind.NOT_FINITE, path.path(), "maps to " + x + ", which the teacher cannot take");
            return false;
          }
          batch.numeric()[at] = x;
        }
        case ID -> {
          long id = cell.id;
          if (id < 0 || id >= slot.cardinality()) {
            cell.fail(BadRecord.Kind.ID_OUT_OF_RANGE, path.path(),
                "maps to id " + id + ", outside 0.." + (slot.cardinality() - 1));
            return false;
          }
          batch.ids()[at] = id;
        }
        case STRING -> batch.strings()[at] = cell.text.toString();
        case FLOAT_VECTOR -> {
          return storeVector(cell, batch.numeric(), at);
        }
        default -> throw new IllegalStateException("unknown input type " + slot.type());
      }
      return true;
    }

    private boolean storeVector(ValueCell cell, float[] numeric, int at) {
      List<?> list = cell.vector;
      int n = list.size();
      if (n != slot.dimension()) {
        cell.fail(BadRecord.Kind.DIMENSION, path.path(),
            "vector has " + n + " values, the teacher input takes " + slot.dimension());
        return false;
      }
      for (int i = 0; i < n; i++) {
        float x = element(list, i);
        if (!Float.isFinite(x)) {
          cell.fail(BadRecord.Kind.NOT_FINITE, path.path() + "/" + i, x + " is not allowed");
          return false;
        }
        numeric[at + i] = x;
      }
      return true;
    }

    private static float element(List<?> list, int i) {
      // primitive arrays (Avro 1.12 decodes float arrays into them) read without boxing
      if (list instanceof PrimitivesArrays.FloatArray floats) {
        return floats.getFloat(i);
      }
      if (list instanceof PrimitivesArrays.DoubleArray doubles) {
        return (float) doubles.getDouble(i);
      }
      Object x = list.get(i);
      return x instanceof Number n ? n.floatValue() : Float.NaN;
    }
  }
}
