package io.crossdistill.models.internal;

import io.crossdistill.models.Teacher;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One installed teacher version, reference counted: the runtime holds one reference while the version is
 * current and every forward pass holds one while it runs, so a swapped-out teacher is closed exactly when
 * its last in-flight pass has finished, and never while one runs.
 */
public final class TeacherVersion {

  private final Teacher teacher;
  private final AtomicInteger references = new AtomicInteger(1);

  /** A version whose one reference belongs to the caller (the runtime). */
  public TeacherVersion(Teacher teacher) {
    this.teacher = teacher;
  }

  /** The teacher; valid while a reference is held. */
  public Teacher teacher() {
    return teacher;
  }

  /** Takes a reference unless the version is already retired; false means "read the current one again". */
  public boolean tryRetain() {
    while (true) {
      int count = references.get();
      if (count == 0) {
        return false;
      }
      if (references.compareAndSet(count, count + 1)) {
        return true;
      }
    }
  }

  /** Drops a reference; the last one closes the teacher. */
  public void release() {
    if (references.decrementAndGet() == 0) {
      teacher.close();
    }
  }
}
