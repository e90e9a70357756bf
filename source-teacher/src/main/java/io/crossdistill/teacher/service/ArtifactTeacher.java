package io.crossdistill.teacher.service;

import io.crossdistill.models.TeacherArtifact;
import io.crossdistill.schemas.TeacherInputBatch;
import io.crossdistill.v1.TeacherSignature;
import java.nio.file.Path;

/**
 * A teacher artifact directory opened with {@link TeacherArtifact#open} (content hash verified) and
 * scored directly by its model, whose prediction is thread-safe.
 */
final class ArtifactTeacher implements LoadedTeacher {

  private final Path path;
  private final TeacherArtifact artifact;
  private final TeacherSignature signature;

  private ArtifactTeacher(Path path, TeacherArtifact artifact) {
    this.path = path;
    this.artifact = artifact;
    this.signature = artifact.signature();
  }

  /** Opens and verifies an artifact directory. */
  static ArtifactTeacher open(Path dir) {
    return new ArtifactTeacher(dir, TeacherArtifact.open(dir));
  }

  @Override
  public String id() {
    return signature.getTeacherId();
  }

  @Override
  public String contentHash() {
    return artifact.contentHash();
  }

  @Override
  public TeacherSignature signature() {
    return signature;
  }

  @Override
  public Path path() {
    return path;
  }

  @Override
  public void predict(TeacherInputBatch batch, float[] out) {
    artifact.model().predict(batch, out);
  }

  @Override
  public void close() {
    artifact.close();
  }
}
