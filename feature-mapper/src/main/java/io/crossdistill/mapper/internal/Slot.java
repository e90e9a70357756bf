package io.crossdistill.mapper.internal;

import io.crossdistill.schemas.TeacherInputBatch;
import io.crossdistill.schemas.TeacherInputLayout;
import io.crossdistill.v1.InputType;

/**
 * Where one teacher input is written in a batch row, and the constraints on its values.
 *
 * @param type        teacher input type
 * @param offset      first column in its buffer
 * @param stride      columns per row of its buffer
 * @param cardinality ids are {@code 0..cardinality-1} (ID inputs)
 * @param dimension   vector length (FLOAT_VECTOR inputs)
 */
record Slot(InputType type, int offset, int stride, int cardinality, int dimension) {

  static Slot of(InputType type, TeacherInputLayout.Slot slot, TeacherInputLayout layout, int cardinality) {
    int stride = switch (slot.buffer()) {
      case NUMERIC -> layout.numericWidth();
      case ID -> layout.idCount();
      case STRING -> layout.stringCount();
    };
    return new Slot(type, slot.offset(), stride, cardinality, slot.width());
  }

  int index(int row) {
    return row * stride + offset;
  }

  /** A fixed value (a constant or a default) prepared for this slot. */
  record Fixed(Slot slot, float number, long id, String text, float[] vector) {

    void write(TeacherInputBatch batch, int row) {
      int at = slot.index(row);
      switch (slot.type()) {
        case FLOAT -> batch.numeric()[at] = number;
        case ID -> batch.ids()[at] = id;
        case STRING -> batch.strings()[at] = text;
        case FLOAT_VECTOR -> System.arraycopy(vector, 0, batch.numeric(), at, vector.length);
        default -> throw new IllegalStateException("unknown input type " + slot.type());
      }
    }
  }
}
