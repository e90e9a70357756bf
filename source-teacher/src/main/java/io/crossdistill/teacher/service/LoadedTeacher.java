package io.crossdistill.teacher.service;

import io.crossdistill.schemas.TeacherInputBatch;
import io.crossdistill.v1.TeacherSignature;
import java.nio.file.Path;

/**
 * A teacher ready to score: its signature, the content hash that names exactly which model answers,
 * and batched prediction. This is the one seam between the service and the teacher runtime: labels,
 * coverage and fitting only ever call {@link #predict}, so a runtime with a predictor pool,
 * micro-batching or hot swap slots in behind it by implementing this interface and being installed
 * with {@link TeacherService#serve(LoadedTeacher)}.
 *
 * <p>Implementations must allow concurrent {@link #predict} calls.
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
   * {@code batch.size() × headCount()}, heads in signature order.
   */
  void predict(TeacherInputBatch batch, float[] out);

  @Override
  void close();
}
