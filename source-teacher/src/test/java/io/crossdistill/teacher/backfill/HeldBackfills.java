package io.crossdistill.teacher.backfill;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The tests' backfill hooks: {@link #holdAt} makes the first job that reaches a given record wait there,
 * before its next batch, until the test releases it, so that a test sees a job running (and the queue
 * behind it, or a fault injected at a shard boundary) without depending on timing. Unarmed, it does nothing.
 */
@ApplicationScoped
public class HeldBackfills extends BackfillHooks {

  private static volatile Hold hold;

  /** One armed hold. */
  public static final class Hold implements AutoCloseable {
    private final long at;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile String jobId;

    private Hold(long at) {
      this.at = at;
    }

    /** Waits until a job is held; returns its id. */
    public String awaitHeld() throws InterruptedException {
      if (!reached.await(2, TimeUnit.MINUTES)) {
        throw new AssertionError("no backfill job reached record " + at + " within 2 minutes");
      }
      return jobId;
    }

    /** Lets the held job go on (and disarms the hold). */
    @Override
    public void close() {
      released.countDown();
      if (hold == this) {
        hold = null;
      }
    }
  }

  /** Arms a hold: the first job about to read a batch with {@code done} records behind it waits. */
  public static Hold holdAt(long done) {
    Hold armed = new Hold(done);
    hold = armed;
    return armed;
  }

  @Override
  public void beforeBatch(String jobId, long done) {
    Hold armed = hold;
    if (armed == null || done != armed.at || !armed.claimed.compareAndSet(false, true)) {
      return;
    }
    armed.jobId = jobId;
    armed.reached.countDown();
    try {
      if (!armed.released.await(5, TimeUnit.MINUTES)) {
        throw new IllegalStateException("held backfill " + jobId + " was never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
