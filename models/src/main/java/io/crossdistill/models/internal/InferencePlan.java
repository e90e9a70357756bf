package io.crossdistill.models.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import io.crossdistill.models.IdInput;
import io.crossdistill.models.NetworkConfig;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The inference forward pass, arranged to spend as few engine calls and allocations per pass as the
 * engine allows while computing exactly what {@link ForwardPass} computes (bit for bit):
 *
 * <ul>
 *   <li>when every id input has the same embedding width, the embedding tables are stacked once into one
 *       table and all ids of a row are looked up in <b>one</b> call (ids shifted by their table's offset),
 *       instead of one tensor creation and one lookup per id input;
 *   <li>inputs are written straight from the row-major caller arrays into <b>reused</b> direct buffers
 *       (one scratch per concurrent pass, pooled), which the engine wraps without another copy, instead of
 *       a Java-side column copy plus a fresh direct buffer per tensor and pass;
 *   <li>bias additions run in place on the product, and the outputs are read into the caller's array
 *       without an intermediate Java array.
 * </ul>
 *
 * <p>Gathering rows, concatenating and adding in place do not change any value or the order of any
 * floating-point sum, so predictions equal {@link ForwardPass}'s for the same engine thread setting.
 * A plan copies the embedding tables, so it is built for one set of parameter values: build a new one
 * after training changes them. Thread-safe; close it to free the stacked table.
 */
public final class InferencePlan implements AutoCloseable {

  private final NetworkConfig config;
  private final NetworkParameters parameters;
  private final NDManager manager;
  private final NDArray stackedTable;
  private final long[] idOffsets;
  private final int embeddingWidth;
  private final ConcurrentLinkedQueue<Scratch> scratches = new ConcurrentLinkedQueue<>();

  private InferencePlan(NetworkConfig config, NetworkParameters parameters, NDManager manager) {
    this.config = config;
    this.parameters = parameters;
    this.manager = manager;
    this.idOffsets = new long[config.idCount()];
    long offset = 0;
    for (int c = 0; c < config.idCount(); c++) {
      idOffsets[c] = offset;
      offset += config.idInputs().get(c).cardinality();
    }
    this.embeddingWidth = sharedEmbeddingWidth(config);
    if (embeddingWidth > 0) {
      NDList tables = new NDList(config.idCount());
      for (int c = 0; c < config.idCount(); c++) {
        tables.add(parameters.embedding(c));
      }
      if (tables.size() == 1) {
        this.stackedTable = parameters.embedding(0);
      } else {
        // the result of an operation belongs to its first operand's manager; the plan owns the copy
        this.stackedTable = NDArrays.concat(tables, 0);
        this.stackedTable.attach(manager);
      }
    } else {
      this.stackedTable = null;
    }
  }

  /**
   * A plan over the current values of {@code parameters}; its tensors live in a sub-manager of
   * {@code parent}, freed by {@link #close}.
   */
  public static InferencePlan build(NetworkConfig config, NetworkParameters parameters, NDManager parent) {
    NDManager manager = parent.newSubManager();
    try {
      return new InferencePlan(config, parameters, manager);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /**
   * Writes the raw outputs of rows {@code 0..rows-1} into {@code out} ({@code rows × headCount}), in
   * passes of at most {@link BatchPredictor#DEFAULT_BATCH_ROWS} rows.
   *
   * @param numeric row-major floats, at least {@code rows × numericWidth}
   * @param ids row-major ids, at least {@code rows × idCount}
   * @throws IllegalArgumentException when an id is out of range
   */
  public void predict(float[] numeric, long[] ids, int rows, float[] out) {
    int chunk = Math.max(1, Math.min(rows, BatchPredictor.DEFAULT_BATCH_ROWS));
    Scratch scratch = takeScratch(chunk);
    try {
      for (int first = 0; first < rows; first += chunk) {
        int count = Math.min(chunk, rows - first);
        scratch.fill(numeric, ids, first, count);
        try (NDManager pass = manager.newSubManager()) {
          NDArray outputs = forward(pass, scratch, count);
          outputs.toByteBuffer().order(ByteOrder.nativeOrder()).asFloatBuffer().get(out, first * config.headCount(), count * config.headCount());
        }
      }
    } finally {
      scratches.add(scratch);
    }
  }

  /** Frees the stacked embedding table and the scratch buffers' tensors. */
  @Override
  public void close() {
    manager.close();
    scratches.clear();
  }

  private NDArray forward(NDManager pass, Scratch scratch, int rows) {
    int width = config.numericWidth();
    int idCount = config.idCount();
    NDArray numericTensor = width == 0 ? null
        : pass.create(scratch.numericBytes(rows * width), new Shape(rows, width), DataType.FLOAT32);
    NDArray x;
    if (idCount == 0) {
      x = numericTensor;
    } else {
      NDList parts = new NDList(1 + idCount);
      if (numericTensor != null) {
        parts.add(numericTensor);
      }
      if (stackedTable != null) {
        NDArray idTensor = pass.create(scratch.idBytes(rows * idCount), new Shape(rows, idCount), DataType.INT64);
        NDArray looked = Embedding.embedding(idTensor, stackedTable, SparseFormat.DENSE).singletonOrThrow();
        parts.add(looked.reshape(rows, (long) idCount * embeddingWidth));
      } else {
        // embedding widths differ: one lookup per id input, over the column-major ids in the scratch
        ByteBuffer columns = scratch.idBytes(rows * idCount);
        for (int c = 0; c < idCount; c++) {
          ByteBuffer column = columns.duplicate().order(ByteOrder.nativeOrder());
          column.position(c * rows * Long.BYTES).limit((c + 1) * rows * Long.BYTES);
          NDArray idTensor = pass.create(column.slice().order(ByteOrder.nativeOrder()), new Shape(rows), DataType.INT64);
          parts.add(Embedding.embedding(idTensor, parameters.embedding(c), SparseFormat.DENSE).singletonOrThrow());
        }
      }
      x = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 1);
    }
    for (int layer = 0; layer < config.hiddenWidths().size(); layer++) {
      x = Activation.relu(x.matMul(parameters.layerWeight(layer)).addi(parameters.layerBias(layer)));
    }
    return x.matMul(parameters.headWeight()).addi(parameters.headBias());
  }

  private Scratch takeScratch(int rows) {
    Scratch scratch = scratches.poll();
    if (scratch == null || scratch.capacity < rows) {
      scratch = new Scratch(Math.max(rows, scratch == null ? 0 : scratch.capacity));
    }
    return scratch;
  }

  private static int sharedEmbeddingWidth(NetworkConfig config) {
    if (config.idCount() == 0) {
      return 0;
    }
    int width = config.idInputs().get(0).embeddingDim();
    for (IdInput id : config.idInputs()) {
      if (id.embeddingDim() != width) {
        return 0;
      }
    }
    return width;
  }

  /** Direct input buffers for one pass at a time, refilled every pass. */
  private final class Scratch {
    final int capacity;
    final ByteBuffer numeric;
    final ByteBuffer ids;

    Scratch(int capacity) {
      this.capacity = capacity;
      this.numeric = ByteBuffer.allocateDirect(Math.max(1, capacity * config.numericWidth()) * Float.BYTES)
          .order(ByteOrder.nativeOrder());
      this.ids = ByteBuffer.allocateDirect(Math.max(1, capacity * config.idCount()) * Long.BYTES)
          .order(ByteOrder.nativeOrder());
    }

    /** Copies rows {@code first..first+count} in: floats as they are, ids checked and laid out for the plan. */
    void fill(float[] srcNumeric, long[] srcIds, int first, int count) {
      int width = config.numericWidth();
      int idCount = config.idCount();
      FloatBuffer floats = numeric.clear().asFloatBuffer();
      floats.put(srcNumeric, first * width, count * width);
      LongBuffer longs = ids.clear().asLongBuffer();
      for (int i = 0; i < count; i++) {
        int row = first + i;
        for (int c = 0; c < idCount; c++) {
          long id = checkedId(srcIds[row * idCount + c], row, c);
          if (stackedTable != null) {
            longs.put(i * idCount + c, id + idOffsets[c]);
          } else {
            longs.put(c * count + i, id);
          }
        }
      }
    }

    ByteBuffer numericBytes(int floats) {
      return numeric.clear().limit(floats * Float.BYTES);
    }

    ByteBuffer idBytes(int longs) {
      return ids.clear().limit(longs * Long.BYTES);
    }

    private long checkedId(long id, int row, int column) {
      IdInput input = config.idInputs().get(column);
      if (id < 0 || id >= input.cardinality()) {
        throw new IllegalArgumentException("row " + row + ", id input '" + input.name() + "': id " + id
            + " outside [0, " + input.cardinality() + ")");
      }
      return id;
    }
  }
}
