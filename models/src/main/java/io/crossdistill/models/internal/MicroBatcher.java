package io.crossdistill.models.internal;

import io.crossdistill.models.ModelException;
import io.crossdistill.schemas.TeacherInputBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

/**
 * Groups small concurrent requests into shared forward passes. Each lane (a forward slot with reusable
 * buffers) has its own worker thread, which gathers a group and then runs it itself, so a request is
 * handed from its caller to the thread that computes it and back, with no dispatcher in between. One
 * worker at a time gathers (it holds the leader lock): it takes the first waiting request and adds those
 * that arrive until {@code maxRows} rows are gathered or {@code maxWaitNanos} have passed <b>since the
 * first request was submitted</b> (a request that already waited for a lane does not wait again), then
 * hands the lock to the next free worker and runs the group. While every lane is busy requests queue up,
 * and the next group takes all of them at once, so batches grow with load. A request is never split.
 *
 * <p>Lanes share {@code permits} with callers that run large requests outside the batcher; a worker takes
 * one before its pass and returns it after.
 *
 * @param <L> a lane: whatever the runner needs to run one group
 */
public final class MicroBatcher<L> implements AutoCloseable {

  /** One caller's rows and where its answer goes. */
  public static final class Request<A> {
    final TeacherInputBatch batch;
    final float[] out;
    final CompletableFuture<A> answer = new CompletableFuture<>();
    long submittedAt;

    /** A request for the filled rows of {@code batch}, answered into {@code out}. */
    public Request(TeacherInputBatch batch, float[] out) {
      this.batch = batch;
      this.out = out;
    }

    /** The caller's rows. */
    public TeacherInputBatch batch() {
      return batch;
    }

    /** The caller's output buffer. */
    public float[] out() {
      return out;
    }

    /** Completes when the rows are predicted (or failed). */
    public CompletableFuture<A> answer() {
      return answer;
    }

    int rows() {
      return batch.size();
    }
  }

  private static final Request<Object> STOP = new Request<>(null, null);

  private final BlockingDeque<Request<?>> queue = new LinkedBlockingDeque<>();
  private final ReentrantLock leader = new ReentrantLock();
  private final Semaphore permits;
  private final int maxRows;
  private final long maxWaitNanos;
  private final BiConsumer<L, List<Request<?>>> runner;
  private final List<Thread> workers = new ArrayList<>();
  private volatile boolean closed;

  /**
   * Starts one worker thread per lane.
   *
   * @param lanes the lanes, one worker each
   * @param permits forward passes allowed at once, shared with passes run outside the batcher
   * @param runner runs a group on a lane, on the lane's worker, completing every request's answer; it must
   *     not keep the list
   */
  public MicroBatcher(List<L> lanes, Semaphore permits, int maxRows, long maxWaitNanos,
      BiConsumer<L, List<Request<?>>> runner, String threadName) {
    this.permits = permits;
    this.maxRows = maxRows;
    this.maxWaitNanos = maxWaitNanos;
    this.runner = runner;
    for (int i = 0; i < lanes.size(); i++) {
      L lane = lanes.get(i);
      Thread worker = new Thread(() -> work(lane), threadName + "-" + (i + 1));
      worker.setDaemon(true);
      workers.add(worker);
    }
    workers.forEach(Thread::start);
  }

  /** Queues a request of at most {@code maxRows} rows. */
  public <A> Request<A> submit(Request<A> request) {
    if (closed) {
      throw new IllegalStateException("the teacher runtime is closed");
    }
    request.submittedAt = System.nanoTime();
    queue.add(request);
    return request;
  }

  /** Answers every queued request, then stops the workers. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    queue.add(STOP);
    for (Thread worker : workers) {
      try {
        worker.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    // a request that raced with close() and queued behind the stop mark is refused, not lost
    for (Request<?> left = queue.poll(); left != null; left = queue.poll()) {
      if (left != STOP) {
        left.answer.completeExceptionally(new IllegalStateException("the teacher runtime is closed"));
      }
    }
  }

  private void work(L lane) {
    List<Request<?>> group = new ArrayList<>();
    boolean stopping = false;
    while (!stopping) {
      group.clear();
      try {
        leader.lockInterruptibly();
        try {
          stopping = gather(group);
          if (stopping) {
            queue.addFirst(STOP); // the other workers stop too, after the requests ahead of the mark
          }
          if (group.isEmpty()) {
            continue;
          }
          permits.acquire();
        } finally {
          leader.unlock();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        group.forEach(r -> r.answer.completeExceptionally(new IllegalStateException("the teacher runtime was interrupted")));
        return;
      }
      try {
        runner.accept(lane, group);
      } catch (RuntimeException e) {
        // the runner answers its requests; this is the last guard that keeps the lane's thread alive
        group.forEach(r -> r.answer.completeExceptionally(e));
      } finally {
        permits.release();
      }
    }
  }

  /** Fills {@code group}; true when the stop mark was taken. */
  private boolean gather(List<Request<?>> group) throws InterruptedException {
    Request<?> first = queue.take();
    if (first == STOP) {
      return true;
    }
    group.add(first);
    int rows = first.rows();
    long deadline = first.submittedAt + maxWaitNanos;
    while (rows < maxRows) {
      Request<?> next = queue.poll();
      if (next == null) {
        long left = deadline - System.nanoTime();
        next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
        if (next == null) {
          return false;
        }
      }
      if (next == STOP) {
        return true;
      }
      if (rows + next.rows() > maxRows) {
        queue.addFirst(next); // first in line for the next group
        return false;
      }
      group.add(next);
      rows += next.rows();
    }
    return false;
  }
}
