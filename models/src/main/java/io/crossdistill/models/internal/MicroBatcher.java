package io.crossdistill.models.internal;

import io.crossdistill.models.ModelException;
import io.crossdistill.schemas.TeacherInputBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Groups small concurrent requests into shared forward passes. One dispatcher thread takes the first
 * waiting request, collects the requests that arrive within {@code maxWaitNanos} of it (or until
 * {@code maxRows} rows are gathered), then waits for a free lane (a forward slot with reusable buffers);
 * while every lane is busy, requests keep queueing and the group is topped up from the queue before it
 * leaves, so batches grow with load. A request is never split across groups.
 *
 * @param <L> a lane: whatever the runner needs to run one group
 */
public final class MicroBatcher<L> implements AutoCloseable {

  /** One caller's rows and where its answer goes. */
  public static final class Request<A> {
    final TeacherInputBatch batch;
    final float[] out;
    final CompletableFuture<A> answer = new CompletableFuture<>();

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

  private final BlockingQueue<Request<?>> queue = new LinkedBlockingQueue<>();
  private final BlockingQueue<L> lanes;
  private final int maxRows;
  private final long maxWaitNanos;
  private final BiConsumer<L, List<Request<?>>> runner;
  private final Thread dispatcher;
  private volatile boolean closed;

  /**
   * @param lanes the free lanes; the runner must give each lane back with {@link #giveBack} when done
   * @param runner runs a group on a lane, asynchronously, completing every request's answer
   */
  public MicroBatcher(BlockingQueue<L> lanes, int maxRows, long maxWaitNanos, BiConsumer<L, List<Request<?>>> runner,
      String threadName) {
    this.lanes = lanes;
    this.maxRows = maxRows;
    this.maxWaitNanos = maxWaitNanos;
    this.runner = runner;
    this.dispatcher = new Thread(this::dispatch, threadName);
    this.dispatcher.setDaemon(true);
    this.dispatcher.start();
  }

  /** Queues a request of at most {@code maxRows} rows. */
  public <A> Request<A> submit(Request<A> request) {
    if (closed) {
      throw new ModelException("the teacher runtime is closed");
    }
    queue.add(request);
    return request;
  }

  /** Returns a lane after its group is answered. */
  public void giveBack(L lane) {
    lanes.add(lane);
  }

  /** Answers every queued request, then stops the dispatcher. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    queue.add(STOP);
    try {
      dispatcher.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // a request that raced with close() and queued behind the stop mark is refused, not lost
    for (Request<?> left = queue.poll(); left != null; left = queue.poll()) {
      if (left != STOP) {
        left.answer.completeExceptionally(new ModelException("the teacher runtime is closed"));
      }
    }
  }

  private void dispatch() {
    Request<?> carried = null;
    boolean stopping = false;
    while (!stopping || carried != null) {
      try {
        Request<?> first = carried != null ? carried : queue.take();
        carried = null;
        if (first == STOP) {
          stopping = true;
          continue;
        }
        List<Request<?>> group = new ArrayList<>();
        group.add(first);
        int rows = first.rows();
        long deadline = System.nanoTime() + maxWaitNanos;
        while (rows < maxRows && !stopping) {
          long left = deadline - System.nanoTime();
          Request<?> next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
          if (next == null) {
            break;
          }
          if (next == STOP) {
            stopping = true;
          } else if (rows + next.rows() > maxRows) {
            carried = next;
            break;
          } else {
            group.add(next);
            rows += next.rows();
          }
        }
        L lane = lanes.take();
        // every lane was busy: whatever queued meanwhile joins this pass
        while (carried == null && rows < maxRows && !stopping) {
          Request<?> next = queue.poll();
          if (next == null) {
            break;
          }
          if (next == STOP) {
            stopping = true;
          } else if (rows + next.rows() > maxRows) {
            carried = next;
          } else {
            group.add(next);
            rows += next.rows();
          }
        }
        runner.accept(lane, group);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
