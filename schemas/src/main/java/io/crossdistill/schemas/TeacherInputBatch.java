package io.crossdistill.schemas;

/**
 * Reusable primitive buffers holding up to {@link #capacity()} teacher input rows in a
 * {@link TeacherInputLayout}: row-major floats, longs and strings, ready to become tensors. Writers
 * fill rows 0..size-1 and set {@link #setSize(int)}; {@link #clear()} makes the buffers reusable.
 */
public final class TeacherInputBatch {

  private final TeacherInputLayout layout;
  private final int capacity;
  private final float[] numeric;
  private final long[] ids;
  private final String[] strings;
  private int size;

  TeacherInputBatch(TeacherInputLayout layout, int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive, got " + capacity);
    }
    this.layout = layout;
    this.capacity = capacity;
    this.numeric = new float[capacity * layout.numericWidth()];
    this.ids = new long[capacity * layout.idCount()];
    this.strings = new String[capacity * layout.stringCount()];
  }

  public TeacherInputLayout layout() {
    return layout;
  }

  public int capacity() {
    return capacity;
  }

  /** Number of filled rows. */
  public int size() {
    return size;
  }

  public void setSize(int size) {
    if (size < 0 || size > capacity) {
      throw new IllegalArgumentException("size " + size + " outside 0.." + capacity);
    }
    this.size = size;
  }

  public boolean isFull() {
    return size == capacity;
  }

  /** Empties the batch; the buffers are kept. */
  public void clear() {
    size = 0;
  }

  /** Row-major floats, {@code layout().numericWidth()} per row. */
  public float[] numeric() {
    return numeric;
  }

  /** Row-major ids, {@code layout().idCount()} per row. */
  public long[] ids() {
    return ids;
  }

  /** Row-major strings, {@code layout().stringCount()} per row. */
  public String[] strings() {
    return strings;
  }
}
