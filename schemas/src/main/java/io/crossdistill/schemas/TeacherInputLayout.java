package io.crossdistill.schemas;

import io.crossdistill.v1.TeacherInput;
import io.crossdistill.v1.TeacherSignature;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each teacher input lives in a row of teacher input buffers. The layout is the contract between
 * the feature mapper (which writes rows) and the model runtime (which turns them into tensors): FLOAT
 * and FLOAT_VECTOR inputs are packed, in signature order, into one float row of {@link #numericWidth()}
 * columns; ID inputs into one long row of {@link #idCount()} columns; STRING inputs into one string row
 * of {@link #stringCount()} columns.
 *
 * @param inputs one slot per signature input, in signature order
 */
public record TeacherInputLayout(List<Slot> inputs, int numericWidth, int idCount, int stringCount) {

  /** Which buffer an input is written to. */
  public enum Buffer { NUMERIC, ID, STRING }

  /**
   * The place of one input: its buffer, first column and width (1 except for vectors).
   */
  public record Slot(String name, Buffer buffer, int offset, int width) {
  }

  public TeacherInputLayout {
    inputs = List.copyOf(inputs);
  }

  /** Derives the layout of a signature. */
  public static TeacherInputLayout of(TeacherSignature signature) {
    List<Slot> slots = new ArrayList<>(signature.getInputs().size());
    int numeric = 0;
    int ids = 0;
    int strings = 0;
    for (TeacherInput input : signature.getInputs()) {
      switch (input.getType()) {
        case FLOAT -> slots.add(new Slot(input.getName(), Buffer.NUMERIC, numeric++, 1));
        case FLOAT_VECTOR -> {
          int dim = Math.max(1, input.getDimension());
          slots.add(new Slot(input.getName(), Buffer.NUMERIC, numeric, dim));
          numeric += dim;
        }
        case ID -> slots.add(new Slot(input.getName(), Buffer.ID, ids++, 1));
        case STRING -> slots.add(new Slot(input.getName(), Buffer.STRING, strings++, 1));
        default -> throw new IllegalArgumentException("unknown input type " + input.getType());
      }
    }
    return new TeacherInputLayout(slots, numeric, ids, strings);
  }

  /** A batch of buffers for {@code capacity} rows in this layout. */
  public TeacherInputBatch newBatch(int capacity) {
    return new TeacherInputBatch(this, capacity);
  }
}
