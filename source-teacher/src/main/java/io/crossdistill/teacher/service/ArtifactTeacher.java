package io.crossdistill.teacher.service;

import io.crossdistill.models.Teacher;
import io.crossdistill.schemas.TeacherInputBatch;
import io.crossdistill.v1.TeacherSignature;
import java.nio.file.Path;

/**
 * A sealed teacher directory (trained here, or an imported TorchScript / ONNX model) opened with
 * {@link Teacher#open}, which verifies its content hash, and scored directly; its prediction is
 * thread-safe.
 */
final class ArtifactTeacher implements LoadedTeacher {

  private final Path path;
  private final Teacher artifact;
  private final TeacherSignature signature;

  private ArtifactTeacher(Path path, Teacher artifact) {
    this.path = path;
    this.artifact = artifact;
    this.signature = artifact.signature();
  }

  /** Opens and verifies an artifact directory. */
  static ArtifactTeacher open(Path dir) {
    return new ArtifactTeacher(dir, Teacher.open(dir));
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
    artifact.predict(batch, out);
  }

  @Override
  public void close() {
    artifact.close();
  }
}
