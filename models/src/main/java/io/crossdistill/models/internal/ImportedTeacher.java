package io.crossdistill.models.internal;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.crossdistill.models.ArtifactIntegrityException;
import io.crossdistill.models.ModelException;
import io.crossdistill.models.SignatureMismatchException;
import io.crossdistill.models.Teacher;
import io.crossdistill.schemas.TeacherInputBatch;
import io.crossdistill.schemas.TeacherInputLayout;
import io.crossdistill.v1.InputType;
import io.crossdistill.v1.TeacherInput;
import io.crossdistill.v1.TeacherSignature;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A teacher trained elsewhere, a TorchScript ({@code model.pt}) or ONNX ({@code model.onnx}) file run by
 * DJL's PyTorch or ONNX Runtime engine. The file takes the signature's layout as tensors: {@code numeric}
 * float32 {@code [batch, numericWidth]} (left out when the width is 0), then {@code ids} int64
 * {@code [batch, idCount]} (left out when there are no ID inputs), and returns one float32
 * {@code [batch, headCount]} tensor. Each prediction runs in its own sub-manager; both engines allow
 * concurrent forward passes on one loaded model.
 */
public final class ImportedTeacher implements Teacher {

  private final TeacherSignature signature;
  private final TeacherInputLayout layout;
  private final ImportFormat format;
  private final Model model;
  private final long[] cardinalities;
  private volatile boolean closed;

  private ImportedTeacher(TeacherSignature signature, ImportFormat format, Model model) {
    this.signature = signature;
    this.layout = TeacherInputLayout.of(signature);
    this.format = format;
    this.model = model;
    this.cardinalities = signature.getInputs().stream().filter(i -> i.getType() == InputType.ID)
        .mapToLong(TeacherInput::getCardinality).toArray();
  }

  /** The model file of an imported teacher directory, if it holds one. */
  public static Optional<Path> modelFile(Path dir) {
    for (ImportFormat format : ImportFormat.values()) {
      Path file = dir.resolve(format.fileName());
      if (Files.isRegularFile(file)) {
        return Optional.of(file);
      }
    }
    return Optional.empty();
  }

  /**
   * Opens a sealed imported teacher directory, verifying its content hash and checking the model against
   * its signature.
   *
   * @throws ArtifactIntegrityException when the hash does not match or the model does not fit
   */
  public static ImportedTeacher open(Path dir) throws ModelException {
    TeacherSignature signature = SealedSignatures.readVerified(dir);
    Path file = modelFile(dir).orElseThrow(() -> new ArtifactIntegrityException(dir + ": no model file"));
    try {
      return load(file, signature);
    } catch (SignatureMismatchException e) {
      throw new ArtifactIntegrityException(dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Loads a model file named like {@link ImportFormat#fileName()} with a signature, checking that they fit.
   *
   * @throws SignatureMismatchException listing every problem when they do not fit
   */
  public static ImportedTeacher load(Path file, TeacherSignature signature) {
    ImportFormat format = ImportFormat.ofFile(file);
    List<String> problems = ImportChecks.signatureProblems(signature);
    // the engine first: DJL creates the process-wide ONNX Runtime environment with its own thread pool
    Engine.getEngine(format.engine());
    if (format == ImportFormat.ONNX) {
      problems.addAll(ImportChecks.onnxDeclaredProblems(file, TeacherInputLayout.of(signature),
          signature.getHeads().size()));
    }
    Model model = Model.newInstance("imported-teacher", format.engine());
    try {
      model.load(file.getParent(), ImportFormat.PREFIX);
    } catch (IOException | MalformedModelException | EngineException e) {
      model.close();
      throw new SignatureMismatchException(file.getFileName().toString(),
          List.of(format + " file cannot be loaded: " + firstLine(e)));
    }
    ImportedTeacher teacher = new ImportedTeacher(signature, format, model);
    if (problems.isEmpty()) {
      problems.addAll(teacher.probe());
    }
    if (!problems.isEmpty()) {
      teacher.close();
      throw new SignatureMismatchException(format + " model " + file.getFileName(), problems);
    }
    return teacher;
  }

  /** TorchScript or ONNX. */
  public ImportFormat format() {
    return format;
  }

  @Override
  public TeacherSignature signature() {
    return TeacherSignature.newBuilder(signature).build();
  }

  @Override
  public String contentHash() {
    return signature.getContentHash();
  }

  @Override
  public TeacherInputLayout layout() {
    return layout;
  }

  @Override
  public int headCount() {
    return signature.getHeads().size();
  }

  @Override
  public void predict(TeacherInputBatch batch, float[] out) {
    TeacherInputLayout given = batch.layout();
    int heads = headCount();
    int rows = batch.size();
    List<String> problems = new ArrayList<>();
    if (given.numericWidth() != layout.numericWidth()) {
      problems.add("layout numericWidth " + given.numericWidth() + " != teacher's " + layout.numericWidth());
    }
    if (given.idCount() != layout.idCount()) {
      problems.add("layout idCount " + given.idCount() + " != teacher's " + layout.idCount());
    }
    if (out.length < rows * heads) {
      problems.add("output buffer holds " + out.length + " floats, needs " + rows * heads);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("batch does not fit the teacher: " + String.join("; ", problems));
    }
    checkIds(batch.ids(), rows);
    if (rows > 0) {
      run(batch.numeric(), batch.ids(), rows, out);
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      model.close();
    }
  }

  private void run(float[] numeric, long[] ids, int rows, float[] out) {
    if (closed) {
      throw new IllegalStateException("the teacher is closed");
    }
    int heads = headCount();
    try (NDManager batch = model.getNDManager().newSubManager()) {
      NDList outputs = forward(batch, numeric, ids, rows);
      float[] values = outputs.get(0).toFloatArray();
      System.arraycopy(values, 0, out, 0, rows * heads);
    }
  }

  private NDList forward(NDManager batch, float[] numeric, long[] ids, int rows) {
    NDList inputs = new NDList(2);
    if (layout.numericWidth() > 0) {
      NDArray x = batch.create(FloatBuffer.wrap(numeric, 0, rows * layout.numericWidth()),
          new Shape(rows, layout.numericWidth()), DataType.FLOAT32);
      x.setName(ImportFormat.NUMERIC_INPUT);
      inputs.add(x);
    }
    if (layout.idCount() > 0) {
      NDArray x = batch.create(LongBuffer.wrap(ids, 0, rows * layout.idCount()), new Shape(rows, layout.idCount()),
          DataType.INT64);
      x.setName(ImportFormat.ID_INPUT);
      inputs.add(x);
    }
    Block block = model.getBlock();
    return block.forward(new ParameterStore(batch, false), inputs, false);
  }

  /** Runs two rows of default values and checks the output's count, dtype and shape. */
  private List<String> probe() {
    int rows = 2;
    float[] numeric = new float[rows * layout.numericWidth()];
    long[] ids = new long[rows * layout.idCount()];
    ImportChecks.fillDefaults(signature, layout, numeric, ids, rows);
    List<String> problems = new ArrayList<>();
    try (NDManager batch = model.getNDManager().newSubManager()) {
      NDList outputs = forward(batch, numeric, ids, rows);
      if (outputs.size() != 1) {
        problems.add("outputs: the model returns " + outputs.size() + " tensors, the convention is one float32"
            + " [batch, " + headCount() + "] tensor");
      }
      if (!outputs.isEmpty()) {
        NDArray first = outputs.get(0);
        if (first.getDataType() != DataType.FLOAT32) {
          problems.add("outputs[0]: dtype " + first.getDataType() + ", expected float32");
        }
        Shape expected = new Shape(rows, headCount());
        if (!first.getShape().equals(expected)) {
          problems.add("outputs[0]: shape " + first.getShape() + " for " + rows + " rows, expected " + expected
              + " (one column per head: " + signature.getHeads().size() + " heads in the signature)");
        }
      }
    } catch (EngineException | IllegalArgumentException | UnsupportedOperationException e) {
      problems.add("inputs: the model rejects " + ImportChecks.describeConvention(layout, rows) + ": " + firstLine(e));
    }
    return problems;
  }

  private void checkIds(long[] ids, int rows) {
    int idCount = cardinalities.length;
    for (int row = 0; row < rows; row++) {
      for (int c = 0; c < idCount; c++) {
        long id = ids[row * idCount + c];
        if (id < 0 || id >= cardinalities[c]) {
          throw new IllegalArgumentException("row " + row + ", id column " + c + ": id " + id + " outside [0, "
              + cardinalities[c] + ")");
        }
      }
    }
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage()).strip();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
