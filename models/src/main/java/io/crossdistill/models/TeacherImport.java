package io.crossdistill.models;

import io.crossdistill.models.internal.AvroJson;
import io.crossdistill.models.internal.ImportFormat;
import io.crossdistill.models.internal.ImportedTeacher;
import io.crossdistill.models.internal.SealedSignatures;
import io.crossdistill.v1.TeacherSignature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * Imports a teacher trained elsewhere: a TorchScript or ONNX file plus a signature JSON become a sealed
 * teacher directory that {@link Teacher#open} opens like a trained one.
 *
 * <p>The input convention, the same rows as {@link io.crossdistill.schemas.TeacherInputLayout}: the model
 * takes {@code numeric}, float32 {@code [batch, numericWidth]} (FLOAT and FLOAT_VECTOR inputs in
 * signature order; left out when there are none), then {@code ids}, int64 {@code [batch, idCount]} (ID
 * inputs in signature order; left out when there are none), and returns one float32
 * {@code [batch, headCount]} tensor of raw outputs, heads in signature order (logits for BINARY_LOGIT).
 */
public final class TeacherImport {

  /** File name of an imported TorchScript model inside a teacher directory. */
  public static final String TORCHSCRIPT_FILE = ImportFormat.TORCHSCRIPT.fileName();
  /** File name of an imported ONNX model inside a teacher directory. */
  public static final String ONNX_FILE = ImportFormat.ONNX.fileName();

  private TeacherImport() {
  }

  /**
   * Reads a signature JSON file (Avro JSON of {@link TeacherSignature}).
   *
   * @throws ArtifactIntegrityException when the file is missing or not a valid signature
   */
  public static TeacherSignature readSignature(Path json) throws ModelException {
    return AvroJson.read(json, TeacherSignature.class, TeacherSignature.getClassSchema());
  }

  /**
   * Checks a model file against a signature and, when they fit, writes a sealed teacher directory:
   * the model as {@code model.pt} or {@code model.onnx} and {@code signature.json} with the content hash.
   * {@code dir} must not hold another model.
   *
   * @return the sealed signature, as written
   * @throws SignatureMismatchException listing every problem (input count, dtypes, widths, head count,
   *     inputs an imported model cannot take); nothing is left in {@code dir}
   * @throws IllegalArgumentException when the file is neither TorchScript nor ONNX or {@code dir} holds a model
   */
  public static TeacherSignature importModel(Path modelFile, TeacherSignature signature, Path dir) throws ModelException {
    Objects.requireNonNull(signature, "signature");
    ImportFormat format = ImportFormat.ofFile(modelFile);
    if (ImportedTeacher.modelFile(dir).isPresent() || Files.exists(dir.resolve("network.json"))) {
      throw new IllegalArgumentException(dir + " already holds a teacher model");
    }
    Path target = dir.resolve(format.fileName());
    try {
      Files.createDirectories(dir);
      Files.copy(modelFile, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new ModelException("cannot copy " + modelFile + " to " + target + ": " + e.getMessage(), e);
    }
    TeacherSignature unsealed = TeacherSignature.newBuilder(signature).setContentHash("").build();
    try (ImportedTeacher checked = ImportedTeacher.load(target, unsealed)) {
      return SealedSignatures.seal(dir, checked.signature());
    } catch (RuntimeException e) {
      try {
        Files.deleteIfExists(target);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }
}
