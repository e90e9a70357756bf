package io.crossdistill.models.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.crossdistill.models.NetworkConfig;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;

/**
 * Reusable Java-side buffers for one batch of network inputs: row-major floats and one column per id
 * input (the embedding lookups want a column each). Rows are copied in from row-major source arrays,
 * ids are range-checked on the way, and the filled prefix becomes tensors in a batch manager.
 */
final class BatchBuffers {

  private final NetworkConfig config;
  private final int capacity;
  private final float[] numeric;
  private final long[][] idColumns;
  private int size;

  BatchBuffers(NetworkConfig config, int capacity) {
    this.config = config;
    this.capacity = capacity;
    this.numeric = new float[capacity * config.numericWidth()];
    this.idColumns = new long[config.idCount()][capacity];
  }

  int capacity() {
    return capacity;
  }

  int size() {
    return size;
  }

  /** Copies the rows {@code order[from..from+count)} of the row-major sources into the buffers. */
  void gather(float[] srcNumeric, long[] srcIds, int[] order, int from, int count) {
    checkCount(count);
    int width = config.numericWidth();
    int idCount = config.idCount();
    for (int i = 0; i < count; i++) {
      int row = order[from + i];
      System.arraycopy(srcNumeric, row * width, numeric, i * width, width);
      for (int c = 0; c < idCount; c++) {
        idColumns[c][i] = checkedId(srcIds[row * idCount + c], row, c);
      }
    }
    size = count;
  }

  /** Copies the contiguous rows {@code first..first+count} of the row-major sources into the buffers. */
  void copy(float[] srcNumeric, long[] srcIds, int first, int count) {
    checkCount(count);
    int width = config.numericWidth();
    int idCount = config.idCount();
    System.arraycopy(srcNumeric, first * width, numeric, 0, count * width);
    for (int i = 0; i < count; i++) {
      int row = first + i;
      for (int c = 0; c < idCount; c++) {
        idColumns[c][i] = checkedId(srcIds[row * idCount + c], row, c);
      }
    }
    size = count;
  }

  /** The float inputs of the filled rows, or null when the network has no numeric columns. */
  NDArray numericTensor(NDManager manager) {
    if (config.numericWidth() == 0) {
      return null;
    }
    return manager.create(FloatBuffer.wrap(numeric, 0, size * config.numericWidth()),
        new Shape(size, config.numericWidth()), DataType.FLOAT32);
  }

  /** One int64 tensor per id input, holding the filled rows' ids. */
  NDArray[] idTensors(NDManager manager) {
    NDArray[] tensors = new NDArray[idColumns.length];
    for (int c = 0; c < idColumns.length; c++) {
      tensors[c] = manager.create(LongBuffer.wrap(idColumns[c], 0, size), new Shape(size), DataType.INT64);
    }
    return tensors;
  }

  private void checkCount(int count) {
    if (count < 0 || count > capacity) {
      throw new IllegalArgumentException("batch of " + count + " rows exceeds capacity " + capacity);
    }
  }

  private long checkedId(long id, int row, int column) {
    int cardinality = config.idInputs().get(column).cardinality();
    if (id < 0 || id >= cardinality) {
      throw new IllegalArgumentException("row " + row + ", id input '" + config.idInputs().get(column).name()
          + "': id " + id + " outside [0, " + cardinality + ")");
    }
    return id;
  }
}
