package io.crossdistill.teacher.service;

import io.crossdistill.models.TeacherRuntime;
import io.crossdistill.schemas.TeacherInputBatch;
import io.crossdistill.v1.TeacherSignature;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/**
 * One teacher version as the service serves it: a {@link TeacherRuntime} (predictor pool, micro-batching of
 * concurrent requests) over the sealed artifact, plus a count of holders. The service holds it while it
 * serves; every request that scores holds it through a {@link TeacherService.Lease} from start to answer.
 * Retiring it (a new version takes over) drops the service's hold, and the runtime closes when the last
 * request on it has answered, so a swap never fails a request in flight and a request never sees two
 * versions.
 */
final class ServedTeacher implements LoadedTeacher {

  private final Path path;
  private final TeacherRuntime runtime;
  private final TeacherSignature signature;
  private final LongConsumer onClose;
  /** The service's own hold (1 while serving) plus one per request in flight; 0 = closed for good. */
  private final AtomicInteger holds = new AtomicInteger(1);

  /**
   * @param onClose receives the runtime's forward-pass count when it closes
   */
  ServedTeacher(Path path, TeacherRuntime runtime, LongConsumer onClose) {
    this.path = path;
    this.runtime = runtime;
    this.signature = runtime.signature();
    this.onClose = onClose;
  }

  @Override
  public String id() {
    return signature.getTeacherId();
  }

  @Override
  public String contentHash() {
    return signature.getContentHash();
  }

  @Override
  public TeacherSignature signature() {
    return signature;
  }

  @Override
  public Path path() {
    return path;
  }

  /** Forward passes so far (a micro-batched pass counts once). */
  long forwardPasses() {
    return runtime.forwardPasses();
  }

  /** Requests the runtime accepted so far. */
  long requests() {
    return runtime.requests();
  }

  @Override
  public void predict(TeacherInputBatch batch, float[] out) {
    TeacherRuntime.Answer answer = runtime.predict(batch, out);
    // one runtime serves one version for its whole life; anything else would be a mixed answer
    if (!answer.contentHash().equals(contentHash())) {
      throw new IllegalStateException("teacher " + id() + " answered with version " + answer.contentHash()
          + " instead of " + contentHash());
    }
  }

  /** Takes a hold for one request; false once the version has closed. */
  boolean tryRetain() {
    while (true) {
      int n = holds.get();
      if (n == 0) {
        return false;
      }
      if (holds.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  /** Drops a hold; the last one closes the runtime and the model. */
  void release() {
    if (holds.decrementAndGet() == 0) {
      long passes = runtime.forwardPasses();
      runtime.close();
      onClose.accept(passes);
    }
  }

  /** Drops the service's hold: the version closes once its requests in flight have answered. */
  @Override
  public void close() {
    release();
  }
}
