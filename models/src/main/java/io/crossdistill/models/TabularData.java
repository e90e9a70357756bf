package io.crossdistill.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * An in-memory table of training or evaluation rows in the teacher layout: {@code numericWidth} floats,
 * {@code idCount} longs and {@code headCount} targets per row, each stored row-major in one primitive
 * array. A NaN target means "no label for this row and head"; losses and metrics skip it.
 *
 * <p>Instances are immutable: the constructor and every accessor copy the arrays, so the table can be
 * shared between threads. {@link #slice}, {@link #select} and {@link #shuffled} make minibatches,
 * splits and seeded shuffles.
 */
public final class TabularData {

  private final int rows;
  private final int numericWidth;
  private final int idCount;
  private final int headCount;
  private final float[] numeric;
  private final long[] ids;
  private final float[] targets;

  /**
   * A table of {@code rows} rows; the arrays are copied.
   *
   * @throws IllegalArgumentException listing every size that does not fit
   */
  public TabularData(int rows, int numericWidth, float[] numeric, int idCount, long[] ids, int headCount, float[] targets) {
    this(rows, numericWidth, numeric.clone(), idCount, ids.clone(), headCount, targets.clone(), true);
  }

  private TabularData(int rows, int numericWidth, float[] numeric, int idCount, long[] ids, int headCount,
      float[] targets, boolean validate) {
    Objects.requireNonNull(numeric, "numeric");
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(targets, "targets");
    if (validate) {
      List<String> problems = new ArrayList<>();
      if (rows < 0) {
        problems.add("rows must be >= 0, got " + rows);
      }
      if (numericWidth < 0 || idCount < 0 || headCount < 0) {
        problems.add("widths must be >= 0, got numericWidth=" + numericWidth + " idCount=" + idCount + " headCount=" + headCount);
      }
      if ((long) rows * numericWidth != numeric.length) {
        problems.add("numeric has " + numeric.length + " floats, expected rows*numericWidth = " + (long) rows * numericWidth);
      }
      if ((long) rows * idCount != ids.length) {
        problems.add("ids has " + ids.length + " longs, expected rows*idCount = " + (long) rows * idCount);
      }
      if ((long) rows * headCount != targets.length) {
        problems.add("targets has " + targets.length + " floats, expected rows*headCount = " + (long) rows * headCount);
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("invalid tabular data: " + String.join("; ", problems));
      }
    }
    this.rows = rows;
    this.numericWidth = numericWidth;
    this.idCount = idCount;
    this.headCount = headCount;
    this.numeric = numeric;
    this.ids = ids;
    this.targets = targets;
  }

  /** Number of rows. */
  public int rows() {
    return rows;
  }

  /** Float columns per row. */
  public int numericWidth() {
    return numericWidth;
  }

  /** Id columns per row. */
  public int idCount() {
    return idCount;
  }

  /** Target columns (heads) per row. */
  public int headCount() {
    return headCount;
  }

  /** A copy of the row-major floats, {@code rows × numericWidth}. */
  public float[] numeric() {
    return numeric.clone();
  }

  /** A copy of the row-major ids, {@code rows × idCount}. */
  public long[] ids() {
    return ids.clone();
  }

  /** A copy of the row-major targets, {@code rows × headCount}; NaN where a row has no label. */
  public float[] targets() {
    return targets.clone();
  }

  /** One float cell. */
  public float numeric(int row, int column) {
    return numeric[index(row, column, numericWidth)];
  }

  /** One id cell. */
  public long id(int row, int column) {
    return ids[index(row, column, idCount)];
  }

  /** One target cell; NaN when unlabelled. */
  public float target(int row, int head) {
    return targets[index(row, head, headCount)];
  }

  /** The values of one float column, one per row. */
  public float[] numericColumn(int column) {
    return column(numeric, numericWidth, column);
  }

  /** The targets of one head, one per row (NaN where unlabelled). */
  public float[] targetColumn(int head) {
    return column(targets, headCount, head);
  }

  /** Number of rows with a (non-NaN) target for this head. */
  public int labelledCount(int head) {
    Objects.checkIndex(head, headCount);
    int count = 0;
    for (int r = 0; r < rows; r++) {
      if (!Float.isNaN(targets[r * headCount + head])) {
        count++;
      }
    }
    return count;
  }

  /** Rows {@code from} (inclusive) to {@code to} (exclusive). */
  public TabularData slice(int from, int to) {
    Objects.checkFromToIndex(from, to, rows);
    return new TabularData(to - from, numericWidth,
        Arrays.copyOfRange(numeric, from * numericWidth, to * numericWidth), idCount,
        Arrays.copyOfRange(ids, from * idCount, to * idCount), headCount,
        Arrays.copyOfRange(targets, from * headCount, to * headCount), false);
  }

  /** The given rows, in the given order (rows may repeat). */
  public TabularData select(int[] rowIndices) {
    int n = rowIndices.length;
    float[] numericOut = new float[n * numericWidth];
    long[] idsOut = new long[n * idCount];
    float[] targetsOut = new float[n * headCount];
    for (int i = 0; i < n; i++) {
      int r = Objects.checkIndex(rowIndices[i], rows);
      System.arraycopy(numeric, r * numericWidth, numericOut, i * numericWidth, numericWidth);
      System.arraycopy(ids, r * idCount, idsOut, i * idCount, idCount);
      System.arraycopy(targets, r * headCount, targetsOut, i * headCount, headCount);
    }
    return new TabularData(n, numericWidth, numericOut, idCount, idsOut, headCount, targetsOut, false);
  }

  /** All rows in an order drawn from {@code seed}: the same seed gives the same order. */
  public TabularData shuffled(long seed) {
    return select(permutation(rows, seed));
  }

  /** The same inputs with other targets, e.g. teacher logits for distillation heads. */
  public TabularData withTargets(int newHeadCount, float[] newTargets) {
    return new TabularData(rows, numericWidth, numeric, idCount, ids, newHeadCount, newTargets.clone(), true);
  }

  /** A seeded Fisher-Yates permutation of {@code 0..n-1}; the shuffle used everywhere in this module. */
  public static int[] permutation(int n, long seed) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    return order;
  }

  float[] numericData() {
    return numeric;
  }

  long[] idData() {
    return ids;
  }

  float[] targetData() {
    return targets;
  }

  private int index(int row, int column, int width) {
    Objects.checkIndex(row, rows);
    Objects.checkIndex(column, width);
    return row * width + column;
  }

  private float[] column(float[] data, int width, int column) {
    Objects.checkIndex(column, width);
    float[] out = new float[rows];
    for (int r = 0; r < rows; r++) {
      out[r] = data[r * width + column];
    }
    return out;
  }

  @Override
  public String toString() {
    return "TabularData[rows=" + rows + ", numericWidth=" + numericWidth + ", idCount=" + idCount + ", headCount="
        + headCount + "]";
  }
}
