package io.crossdistill.models;

import java.util.Arrays;

/**
 * Growable primitive arrays for streaming rows of unknown count into a dense {@link TabularData}: the
 * student's example encoder and the label path's mapped tables both fill one this way.
 */
public final class Growable {

  private Growable() {
  }

  /** A growable float array. */
  public static final class Floats {
    private float[] values;
    private int size;

    public Floats(int initialCapacity) {
      values = new float[Math.max(16, initialCapacity)];
    }

    public void add(float value) {
      ensure(size + 1);
      values[size++] = value;
    }

    public void addAll(float[] source, int from, int count) {
      ensure(size + count);
      System.arraycopy(source, from, values, size, count);
      size += count;
    }

    public int size() {
      return size;
    }

    public float[] toArray() {
      return Arrays.copyOf(values, size);
    }

    private void ensure(int capacity) {
      if (capacity > values.length) {
        values = Arrays.copyOf(values, Math.max(capacity, values.length * 2));
      }
    }
  }

  /** A growable long array. */
  public static final class Longs {
    private long[] values;
    private int size;

    public Longs(int initialCapacity) {
      values = new long[Math.max(16, initialCapacity)];
    }

    public void add(long value) {
      ensure(size + 1);
      values[size++] = value;
    }

    public void addAll(long[] source, int from, int count) {
      ensure(size + count);
      System.arraycopy(source, from, values, size, count);
      size += count;
    }

    public int size() {
      return size;
    }

    public long[] toArray() {
      return Arrays.copyOf(values, size);
    }

    private void ensure(int capacity) {
      if (capacity > values.length) {
        values = Arrays.copyOf(values, Math.max(capacity, values.length * 2));
      }
    }
  }
}
