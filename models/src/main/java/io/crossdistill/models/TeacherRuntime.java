package io.crossdistill.models;

import io.crossdistill.models.internal.MicroBatcher;
import io.crossdistill.schemas.TeacherInputBatch;
import io.crossdistill.schemas.TeacherInputLayout;
import io.crossdistill.v1.InputType;
import io.crossdistill.v1.TeacherInput;
import io.crossdistill.v1.TeacherSignature;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves one teacher to many concurrent callers: a pool of lanes (one forward pass each, with reusable
 * input and output buffers) sized to the cores, <b>micro-batching</b> of small requests (requests that
 * arrive within {@code maxWait} of each other share one forward pass of up to {@code maxBatchRows} rows;
 * each caller gets exactly its own rows back). A runtime serves one teacher version for its whole life
 * and closes it on {@link #close()}, after answering every accepted request; every {@link Answer} names
 * the version that computed it. Serving a new version while requests are in flight (hot swap) is the
 * label path's business: {@code io.crossdistill.labelling.ServingTeacher} leases runtimes and closes an
 * old one after its last lease.
 *
 * <pre>{@code
 * try (TeacherRuntime runtime = TeacherRuntime.builder().build(Teacher.open(dir))) {
 *   TeacherRuntime.Answer answer = runtime.predict(batch, out);   // answer.contentHash() made out
 * }
 * }</pre>
 */
public final class TeacherRuntime implements AutoCloseable {

  /**
   * Which teacher version answered a request.
   *
   * @param teacherId the signature's teacher id
   * @param contentHash the content hash of the model that computed every row of the answer
   * @param rows rows answered
   */
  public record Answer(String teacherId, String contentHash, int rows) {
  }

  private final Teacher teacher;
  private final TeacherInputLayout layout;
  private final int headCount;
  private final List<TeacherInput> idInputs;
  private final int poolSize;
  private final int maxBatchRows;
  private final Semaphore passPermits;
  private final ExecutorService workers;
  private final MicroBatcher<Lane> batcher;
  private final AtomicLong forwardPasses = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private volatile boolean closed;

  private TeacherRuntime(Teacher teacher, int poolSize, int maxBatchRows, Duration maxWait) {
    this.teacher = teacher;
    this.layout = teacher.layout();
    this.headCount = teacher.headCount();
    this.idInputs = teacher.signature().getInputs().stream().filter(i -> i.getType() == InputType.ID).toList();
    this.poolSize = poolSize;
    this.maxBatchRows = maxBatchRows;
    this.passPermits = new Semaphore(poolSize);
    List<Lane> lanes = new ArrayList<>(poolSize);
    for (int i = 0; i < poolSize; i++) {
      lanes.add(new Lane(layout.newBatch(maxBatchRows), new float[maxBatchRows * headCount], new ArrayList<>()));
    }
    AtomicInteger threads = new AtomicInteger();
    // runs requests larger than a batch; micro-batched groups run on the batcher's lane threads
    this.workers = Executors.newFixedThreadPool(poolSize, task -> {
      Thread thread = new Thread(task, "teacher-runtime-large-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    this.batcher = new MicroBatcher<>(lanes, passPermits, maxBatchRows, maxWait.toNanos(), this::runGroup,
        "teacher-runtime-lane");
  }

  /** A builder with defaults: pool of one lane per core, batches of up to 256 rows, 200 µs window. */
  public static Builder builder() {
    return new Builder();
  }

  /** A runtime with the default settings serving the teacher in {@code dir} ({@link Teacher#open}). */
  public static TeacherRuntime open(Path dir) throws ModelException {
    return builder().build(Teacher.open(dir));
  }

  /**
   * Predicts the filled rows of {@code batch} into {@code out} ({@code size × headCount}), blocking until
   * done. Requests of at most {@code maxBatchRows} rows are micro-batched with concurrent ones; larger
   * ones run as they are on a lane of their own.
   *
   * @throws IllegalArgumentException when the batch's layout or an id does not fit the teacher, or the
   *     buffer is too small
   * @throws IllegalStateException when the runtime is closed, the wait is interrupted or the forward pass fails
   */
  public Answer predict(TeacherInputBatch batch, float[] out) {
    try {
      return submit(batch, out).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the teacher", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("teacher prediction failed: " + cause, cause);
    }
  }

  /**
   * Like {@link #predict} but returns at once; {@code batch} and {@code out} belong to the runtime until
   * the future completes. Invalid input fails the future (or throws, for a layout that does not fit).
   */
  public CompletableFuture<Answer> submit(TeacherInputBatch batch, float[] out) {
    checkOpen();
    checkFits(batch, out);
    requests.incrementAndGet();
    if (batch.size() > maxBatchRows) {
      return CompletableFuture.supplyAsync(() -> runAlone(batch, out), workers);
    }
    if (batch.size() == 0) {
      return CompletableFuture.completedFuture(answer(0));
    }
    return batcher.submit(new MicroBatcher.Request<Answer>(batch, out)).answer();
  }

  /** The signature of the served teacher. */
  public TeacherSignature signature() {
    return teacher.signature();
  }

  /** The content hash of the served teacher. */
  public String contentHash() {
    return teacher.contentHash();
  }

  /** The input layout every request must have. */
  public TeacherInputLayout layout() {
    return layout;
  }

  /** Outputs per row. */
  public int headCount() {
    return headCount;
  }

  /** Forward passes run so far (a micro-batched pass counts once however many requests it served). */
  public long forwardPasses() {
    return forwardPasses.get();
  }

  /** Requests accepted so far. */
  public long requests() {
    return requests.get();
  }

  /** Lanes, i.e. forward passes that may run at once. */
  public int poolSize() {
    return poolSize;
  }

  /** Answers every accepted request, then closes the served teacher. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    batcher.close();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(1, TimeUnit.MINUTES)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    teacher.close();
  }

  private Answer runAlone(TeacherInputBatch batch, float[] out) {
    takePermit();
    try {
      teacher.predict(batch, out);
      forwardPasses.incrementAndGet();
      return answer(batch.size());
    } finally {
      passPermits.release();
    }
  }

  private void runGroup(Lane lane, List<MicroBatcher.Request<?>> group) {
    try {
      TeacherInputBatch merged = lane.batch;
      merged.clear();
      List<MicroBatcher.Request<?>> accepted = lane.accepted;
      accepted.clear();
      int rows = 0;
      for (MicroBatcher.Request<?> request : group) {
        String bad = badId(request.batch());
        if (bad != null) {
          answerOf(request).completeExceptionally(new IllegalArgumentException(bad));
          continue;
        }
        copyRows(request.batch(), merged, rows);
        rows += request.batch().size();
        accepted.add(request);
      }
      merged.setSize(rows);
      try {
        if (rows > 0) {
          teacher.predict(merged, lane.out);
          forwardPasses.incrementAndGet();
        }
      } catch (RuntimeException e) {
        accepted.forEach(request -> answerOf(request).completeExceptionally(e));
        return;
      }
      int first = 0;
      for (MicroBatcher.Request<?> request : accepted) {
        int n = request.batch().size();
        System.arraycopy(lane.out, first * headCount, request.out(), 0, n * headCount);
        first += n;
        answerOf(request).complete(answer(n));
      }
    } catch (RuntimeException e) {
      // fail this pass's callers; the lane's thread goes on serving
      group.forEach(request -> answerOf(request).completeExceptionally(e));
    } catch (Error e) {
      group.forEach(request -> answerOf(request).completeExceptionally(e));
      throw e;
    } finally {
      lane.accepted.clear();
    }
  }

  @SuppressWarnings("unchecked")
  private static CompletableFuture<Answer> answerOf(MicroBatcher.Request<?> request) {
    return (CompletableFuture<Answer>) request.answer();
  }

  private void copyRows(TeacherInputBatch from, TeacherInputBatch to, int firstRow) {
    int n = from.size();
    int width = layout.numericWidth();
    int ids = layout.idCount();
    System.arraycopy(from.numeric(), 0, to.numeric(), firstRow * width, n * width);
    System.arraycopy(from.ids(), 0, to.ids(), firstRow * ids, n * ids);
  }

  private void takePermit() {
    try {
      passPermits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException(new IllegalStateException("interrupted while waiting for a lane", e));
    }
  }

  private Answer answer(int rows) {
    return new Answer(teacher.teacherId(), teacher.contentHash(), rows);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the teacher runtime is closed");
    }
  }

  private void checkFits(TeacherInputBatch batch, float[] out) {
    List<String> problems = new ArrayList<>();
    TeacherInputLayout given = batch.layout();
    if (given.numericWidth() != layout.numericWidth()) {
      problems.add("layout numericWidth " + given.numericWidth() + " != teacher's " + layout.numericWidth());
    }
    if (given.idCount() != layout.idCount()) {
      problems.add("layout idCount " + given.idCount() + " != teacher's " + layout.idCount());
    }
    if (out.length < batch.size() * headCount) {
      problems.add("output buffer holds " + out.length + " floats, needs " + batch.size() * headCount);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("batch does not fit the teacher: " + String.join("; ", problems));
    }
  }

  /** The first out-of-range id of a request, so one caller's bad row cannot fail a shared pass. */
  private String badId(TeacherInputBatch batch) {
    int idCount = idInputs.size();
    long[] ids = batch.ids();
    for (int row = 0; row < batch.size(); row++) {
      for (int c = 0; c < idCount; c++) {
        long id = ids[row * idCount + c];
        int cardinality = idInputs.get(c).getCardinality();
        if (id < 0 || id >= cardinality) {
          return "row " + row + ", id input '" + idInputs.get(c).getName() + "': id " + id + " outside [0, "
              + cardinality + ")";
        }
      }
    }
    return null;
  }

  /** One forward slot's reusable buffers: merged input rows, outputs, the requests of the pass. */
  private record Lane(TeacherInputBatch batch, float[] out, List<MicroBatcher.Request<?>> accepted) {
  }

  /** Settings of a {@link TeacherRuntime}. */
  public static final class Builder {
    private int poolSize = Runtime.getRuntime().availableProcessors();
    private int maxBatchRows = 256;
    // 1 ms made every pass wait for the window under load (p99 5-11 ms at 64 callers, docs/teachers.md);
    // 200 µs still gathers 8 concurrent callers into one pass
    private Duration maxWait = Duration.ofNanos(200_000);

    private Builder() {
    }

    /** Forward passes that may run at once (default: the number of cores). */
    public Builder optPoolSize(int poolSize) {
      this.poolSize = poolSize;
      return this;
    }

    /** Most rows in one micro-batched pass; larger requests run alone (default 256). */
    public Builder optMaxBatchRows(int maxBatchRows) {
      this.maxBatchRows = maxBatchRows;
      return this;
    }

    /**
     * How long a pass may wait for companions, counted from the submission of its first request (default
     * 200 µs); a request that already waited that long for a lane leaves with the next free one. The wait a
     * small request can add is bounded by this or the time for a lane to free up, whichever is longer.
     */
    public Builder optMaxWait(Duration maxWait) {
      this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
      return this;
    }

    /**
     * Starts the runtime serving {@code teacher}, which it owns from now on.
     *
     * @throws IllegalArgumentException listing every invalid setting (the teacher is then closed)
     */
    public TeacherRuntime build(Teacher teacher) {
      Objects.requireNonNull(teacher, "teacher");
      List<String> problems = new ArrayList<>();
      if (poolSize <= 0) {
        problems.add("poolSize: must be positive, got " + poolSize);
      }
      if (maxBatchRows <= 0) {
        problems.add("maxBatchRows: must be positive, got " + maxBatchRows);
      }
      if (maxWait.isNegative()) {
        problems.add("maxWait: must not be negative, got " + maxWait);
      }
      if (teacher.layout().stringCount() > 0) {
        problems.add("teacher '" + teacher.teacherId() + "' takes STRING inputs, which the runtime cannot batch");
      }
      if (!problems.isEmpty()) {
        teacher.close();
        throw new IllegalArgumentException("invalid teacher runtime: " + String.join("; ", problems));
      }
      return new TeacherRuntime(teacher, poolSize, maxBatchRows, maxWait);
    }
  }
}
