package io.crossdistill.models.internal;

import io.crossdistill.models.ArtifactIntegrityException;
import io.crossdistill.models.ModelException;
import io.crossdistill.schemas.ContentHash;
import io.crossdistill.v1.TeacherSignature;
import java.nio.file.Path;
import java.util.List;

/**
 * The sealing rule shared by trained and imported teacher artifacts: {@code signature.json} carries the
 * SHA-256 of every other file in the directory.
 */
public final class SealedSignatures {

  /** The signature's file name; the only file the content hash leaves out. */
  public static final String SIGNATURE_FILE = "signature.json";

  private SealedSignatures() {
  }

  /** Hashes the directory's model files and writes the signature with that hash; returns what was written. */
  public static TeacherSignature seal(Path dir, TeacherSignature signature) throws ModelException {
    TeacherSignature sealed = TeacherSignature.newBuilder(signature)
        .setContentHash(ContentHash.ofDirectory(dir, List.of(SIGNATURE_FILE)))
        .build();
    AvroJson.write(dir.resolve(SIGNATURE_FILE), sealed);
    return sealed;
  }

  /**
   * Reads the signature of a sealed directory and verifies its content hash.
   *
   * @throws ArtifactIntegrityException when the signature is missing, unsealed or the hash does not match
   */
  public static TeacherSignature readVerified(Path dir) throws ModelException {
    TeacherSignature signature = AvroJson.read(dir.resolve(SIGNATURE_FILE), TeacherSignature.class,
        TeacherSignature.getClassSchema());
    String expected = signature.getContentHash();
    if (expected.isEmpty()) {
      throw new ArtifactIntegrityException(dir + ": the signature carries no content hash (artifact not sealed)");
    }
    String actual = ContentHash.ofDirectory(dir, List.of(SIGNATURE_FILE));
    if (!expected.equals(actual)) {
      throw new ArtifactIntegrityException(dir + ": content hash mismatch, signature says " + expected
          + " but the files hash to " + actual + " (modified or incomplete artifact)");
    }
    return signature;
  }
}
