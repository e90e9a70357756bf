package io.crossdistill.models;

import io.crossdistill.models.internal.ImportedTeacher;
import io.crossdistill.schemas.TeacherInputBatch;
import io.crossdistill.schemas.TeacherInputLayout;
import io.crossdistill.v1.TeacherSignature;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A sealed teacher ready to score, whatever made it: a reference teacher trained here
 * ({@link TeacherArtifact}) or a TorchScript / ONNX model imported with {@link TeacherImport}. Callers
 * (the service, backfills, the {@link TeacherRuntime}) see only its signature, the content hash that
 * names exactly which model answers, and batched prediction in the {@link TeacherInputLayout} of the
 * signature. {@link #predict} may be called from several threads at once. Close it to free the model.
 */
public interface Teacher extends AutoCloseable {

  /**
   * Opens a sealed teacher directory, trained ({@code network.json}) or imported ({@code model.pt} or
   * {@code model.onnx}), verifying its content hash and that the signature fits the model.
   *
   * @throws ArtifactIntegrityException when the directory holds no teacher, the hash does not match or
   *     the files do not fit together
   */
  static Teacher open(Path dir) throws ModelException {
    if (Files.isRegularFile(dir.resolve(MultiTaskModel.CONFIG_FILE))) {
      return TeacherArtifact.open(dir);
    }
    if (ImportedTeacher.modelFile(dir).isPresent()) {
      return ImportedTeacher.open(dir);
    }
    throw new ArtifactIntegrityException(dir + ": no teacher model here (expected " + MultiTaskModel.CONFIG_FILE
        + ", " + TeacherImport.TORCHSCRIPT_FILE + " or " + TeacherImport.ONNX_FILE + ")");
  }

  /** The sealed signature: inputs with defaults and statistics, heads, provenance, content hash. */
  TeacherSignature signature();

  /** The teacher id from the signature. */
  default String teacherId() {
    return signature().getTeacherId();
  }

  /** SHA-256 content hash of the model files, verified when the teacher was opened. */
  String contentHash();

  /** Where each input lives in a row of the input buffers. */
  default TeacherInputLayout layout() {
    return TeacherInputLayout.of(signature());
  }

  /** Outputs per row: one per head, in signature order. */
  default int headCount() {
    return signature().getHeads().size();
  }

  /**
   * Writes the raw head outputs (logits for BINARY_LOGIT heads, values for REGRESSION heads) of the
   * batch's filled rows into {@code out}, row-major {@code batch.size() × headCount()}.
   *
   * @throws IllegalArgumentException when the batch's layout does not fit, the buffer is too small or an
   *     id is out of range
   */
  void predict(TeacherInputBatch batch, float[] out);

  /** Frees the model. */
  @Override
  void close();
}
