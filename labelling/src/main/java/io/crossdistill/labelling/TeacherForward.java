package io.crossdistill.labelling;

import io.crossdistill.models.Teacher;
import io.crossdistill.models.TeacherRuntime;
import io.crossdistill.schemas.TeacherInputBatch;
import io.crossdistill.v1.TeacherSignature;

/**
 * One teacher version's batched forward pass, as the label path calls it: the sealed signature (whose
 * id and content hash name exactly which model answers) and raw head outputs for a batch of mapped rows.
 * A {@link TeacherRuntime}, a {@link Teacher}, or a lease on the version a service serves.
 */
public interface TeacherForward {

  /** The sealed signature of the version that answers. */
  TeacherSignature signature();

  /**
   * Writes the raw head outputs of the batch's filled rows into {@code out}, row-major
   * {@code batch.size() × heads}, heads in signature order, all computed by this version.
   */
  void predict(TeacherInputBatch batch, float[] out);

  /** Outputs per row. */
  default int headCount() {
    return signature().getHeads().size();
  }

  /** The runtime's forward pass (micro-batched, pooled); the caller keeps owning the runtime. */
  static TeacherForward of(TeacherRuntime runtime) {
    return new TeacherForward() {
      @Override
      public TeacherSignature signature() {
        return runtime.signature();
      }

      @Override
      public void predict(TeacherInputBatch batch, float[] out) {
        runtime.predict(batch, out);
      }
    };
  }

  /** The teacher's own forward pass, on the calling thread; the caller keeps owning the teacher. */
  static TeacherForward of(Teacher teacher) {
    return new TeacherForward() {
      @Override
      public TeacherSignature signature() {
        return teacher.signature();
      }

      @Override
      public void predict(TeacherInputBatch batch, float[] out) {
        teacher.predict(batch, out);
      }
    };
  }
}
