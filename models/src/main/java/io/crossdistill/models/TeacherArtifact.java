package io.crossdistill.models;

import io.crossdistill.models.internal.ImportedTeacher;
import io.crossdistill.models.internal.SealedSignatures;
import io.crossdistill.schemas.TeacherInputBatch;
import io.crossdistill.schemas.TeacherInputLayout;
import io.crossdistill.v1.HeadKind;
import io.crossdistill.v1.InputType;
import io.crossdistill.v1.Provenance;
import io.crossdistill.v1.TeacherHead;
import io.crossdistill.v1.TeacherInput;
import io.crossdistill.v1.TeacherSignature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A sealed teacher on disk: a saved {@link MultiTaskModel} plus {@code signature.json}, the teacher's
 * {@link TeacherSignature} whose {@code contentHash} is the SHA-256 of every other file in the directory
 * ({@link ContentHash#ofDirectory}). {@link #open} verifies the hash, so a tampered or half-copied
 * artifact is refused before it labels anything. Close it to free the model.
 */
public final class TeacherArtifact implements Teacher {

  /** The signature's file name; the only file the content hash leaves out. */
  public static final String SIGNATURE_FILE = SealedSignatures.SIGNATURE_FILE;

  private final TeacherSignature signature;
  private final MultiTaskModel model;
  private final TeacherInputLayout layout;

  private TeacherArtifact(TeacherSignature signature, MultiTaskModel model) {
    this.signature = signature;
    this.model = model;
    this.layout = TeacherInputLayout.of(signature);
  }

  /**
   * Saves the model into {@code dir}, hashes the model files and writes the signature with that hash.
   * The model is saved with the signature's provenance (or one naming just the teacher id).
   *
   * @return the sealed signature, as written
   * @throws IllegalArgumentException when the signature does not describe the model's inputs and heads
   */
  public static TeacherSignature write(Path dir, MultiTaskModel model, TeacherSignature signature) throws ModelException {
    List<String> problems = mismatches(signature, model.config());
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("signature '" + signature.getTeacherId() + "' does not describe the model: "
          + String.join("; ", problems));
    }
    Provenance provenance = signature.getProvenance() != null
        ? signature.getProvenance()
        : Provenance.newBuilder().setTeacherId(signature.getTeacherId()).build();
    model.save(dir, provenance);
    TeacherSignature sealed = SealedSignatures.seal(dir, signature);
    return sealed;
  }

  /**
   * Opens an artifact written by {@link #write}, verifying its content hash and that the signature fits
   * the model.
   *
   * @throws ArtifactIntegrityException when the signature is missing or unsealed, the hash does not
   *     match, or the files do not fit together
   */
  public static TeacherArtifact open(Path dir) throws ModelException {
    if (!Files.isRegularFile(dir.resolve(MultiTaskModel.CONFIG_FILE))
        && ImportedTeacher.modelFile(dir).isPresent()) {
      throw new ArtifactIntegrityException(dir + ": an imported teacher ("
          + ImportedTeacher.modelFile(dir).get().getFileName()
          + "), not a trained one; open it with Teacher.open");
    }
    TeacherSignature signature = SealedSignatures.readVerified(dir);
    MultiTaskModel model = MultiTaskModel.load(dir);
    List<String> problems = mismatches(signature, model.config());
    if (!problems.isEmpty()) {
      model.close();
      throw new ArtifactIntegrityException(dir + ": signature does not describe the model: " + String.join("; ", problems));
    }
    return new TeacherArtifact(signature, model);
  }

  /** The sealed signature. */
  @Override
  public TeacherSignature signature() {
    return TeacherSignature.newBuilder(signature).build();
  }

  /** The teacher model, owned by this artifact. */
  public MultiTaskModel model() {
    return model;
  }

  /** The verified content hash of the model files. */
  @Override
  public String contentHash() {
    return signature.getContentHash();
  }

  @Override
  public TeacherInputLayout layout() {
    return layout;
  }

  @Override
  public void predict(TeacherInputBatch batch, float[] out) {
    model.predict(batch, out);
  }

  /** Closes the model. */
  @Override
  public void close() {
    model.close();
  }

  private static List<String> mismatches(TeacherSignature signature, NetworkConfig config) {
    Objects.requireNonNull(signature, "signature");
    List<String> problems = new ArrayList<>();
    TeacherInputLayout layout = TeacherInputLayout.of(signature);
    if (layout.stringCount() > 0) {
      problems.add("$.inputs: " + layout.stringCount() + " STRING inputs, which the model cannot take");
    }
    if (layout.numericWidth() != config.numericWidth()) {
      problems.add("$.inputs: " + layout.numericWidth() + " numeric columns, the model has " + config.numericWidth());
    }
    List<TeacherInput> idInputs = signature.getInputs().stream()
        .filter(input -> input.getType() == InputType.ID).toList();
    if (idInputs.size() != config.idCount()) {
      problems.add("$.inputs: " + idInputs.size() + " ID inputs, the model has " + config.idCount());
    } else {
      for (int i = 0; i < idInputs.size(); i++) {
        int modelCardinality = config.idInputs().get(i).cardinality();
        if (idInputs.get(i).getCardinality() != modelCardinality) {
          problems.add("$.inputs['" + idInputs.get(i).getName() + "'].cardinality: " + idInputs.get(i).getCardinality()
              + ", the model's table has " + modelCardinality);
        }
      }
    }
    List<TeacherHead> heads = signature.getHeads();
    if (heads.size() != config.headCount()) {
      problems.add("$.heads: " + heads.size() + " heads, the model has " + config.headCount());
    } else {
      for (int i = 0; i < heads.size(); i++) {
        HeadSpec head = config.heads().get(i);
        boolean logit = heads.get(i).getKind() == HeadKind.BINARY_LOGIT;
        if (!heads.get(i).getName().equals(head.name())) {
          problems.add("$.heads[" + i + "].name: '" + heads.get(i).getName() + "', the model's head is '" + head.name() + "'");
        }
        if (logit != head.objective().outputsLogit()) {
          problems.add("$.heads[" + i + "].kind: " + heads.get(i).getKind() + ", the model's head is " + head.objective());
        }
      }
    }
    return problems;
  }
}
