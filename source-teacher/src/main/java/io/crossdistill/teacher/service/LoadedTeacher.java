package io.crossdistill.teacher.service;

import io.crossdistill.schemas.TeacherInputBatch;
import io.crossdistill.v1.TeacherSignature;
import java.nio.file.Path;

/**
 * A teacher version ready to score: its signature, the content hash that names exactly which model
 * answers, and batched prediction. Labels, coverage and fitting only ever call {@link #predict}, and only
 * on a teacher they hold through {@link TeacherService#lease()}, which keeps that version open until they
 * have answered even when another version starts serving meanwhile.
 *
 * <p>Implementations allow concurrent {@link #predict} calls (they share forward passes).
 */
public interface LoadedTeacher extends AutoCloseable {

  /** Teacher id from the signature. */
  String id();

  /** SHA-256 content hash of the model files (the signature's {@code contentHash}). */
  String contentHash();

  /** The sealed signature. */
  TeacherSignature signature();

  /** Artifact directory it was loaded from. */
  Path path();

  /** Outputs per row: the signature's head count. */
  default int headCount() {
    return signature().getHeads().size();
  }

  /**
   * Writes the raw head outputs of the batch's filled rows into {@code out}, row-major
   * {@code batch.size() × headCount()}, heads in signature order, all computed by this version.
   */
  void predict(TeacherInputBatch batch, float[] out);

  @Override
  void close();
}
