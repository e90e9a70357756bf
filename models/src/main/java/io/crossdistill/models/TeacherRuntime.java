package io.crossdistill.models;

import io.crossdistill.models.internal.MicroBatcher;
import io.crossdistill.models.internal.TeacherVersion;
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
import java.util.concurrent.atomic.AtomicReference;

/**
 * Serves one teacher to many concurrent callers: a pool of lanes (one forward pass each, with reusable
 * input and output buffers) sized to the cores, <b>micro-batching</b> of small requests (requests that
 * arrive within {@code maxWait} of each other share one forward pass of up to {@code maxBatchRows} rows;
 * each caller gets exactly its own rows back) and <b>hot swap</b> to a new version of the teacher: passes
 * already running finish on the version they started with, later ones use the new one, the old model is
 * closed when its last pass ends, and every {@link Answer} names the version that computed it. A request
 * is never split across versions.
 *
 * <pre>{@code
 * try (TeacherRuntime runtime = TeacherRuntime.builder().build(Teacher.open(dir))) {
 *   TeacherRuntime.Answer answer = runtime.predict(batch, out);   // answer.contentHash() made out
 *   runtime.swap(Teacher.open(newDir));
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

  private final AtomicReference<TeacherVersion> current;
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
    this.current = new AtomicReference<>(new TeacherVersion(teacher));
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
  public static TeacherRuntime open(Path dir) {
    return builder().build(Teacher.open(dir));
  }

  /**
   * Predicts the filled rows of {@code batch} into {@code out} ({@code size × headCount}), blocking until
   * done. Requests of at most {@code maxBatchRows} rows are micro-batched with concurrent ones; larger
   * ones run as they are on a lane of their own.
   *
   * @throws IllegalArgumentException when the batch's layout or an id does not fit the teacher, or the
   *     buffer is too small
   * @throws ModelException when the runtime is closed or the forward pass fails
   */
  public Answer predict(TeacherInputBatch batch, float[] out) {
    try {
      return submit(batch, out).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelException("interrupted while waiting for the teacher", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new ModelException("teacher prediction failed: " + cause, cause);
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
      TeacherSignature signature = current.get().teacher().signature();
      return CompletableFuture.completedFuture(new Answer(signature.getTeacherId(), signature.getContentHash(), 0));
    }
    return batcher.submit(new MicroBatcher.Request<Answer>(batch, out)).answer();
  }

  /**
   * Installs a new version of the teacher (taking ownership of it); in-flight passes finish on the old
   * one, which is closed when the last of them ends.
   *
   * @return the answer identity of the version that was replaced
   * @throws IllegalArgumentException listing every difference when the new teacher's inputs or heads do
   *     not match the served one (a different teacher, not a new version); the old one keeps serving and
   *     the new one is closed
   */
  public Answer swap(Teacher next) {
    Objects.requireNonNull(next, "next");
    checkOpen();
    List<String> problems = incompatibilities(current.get().teacher(), next);
    if (!problems.isEmpty()) {
      next.close();
      throw new IllegalArgumentException("cannot swap to teacher '" + next.teacherId() + "': "
          + String.join("; ", problems));
    }
    TeacherVersion old = current.getAndSet(new TeacherVersion(next));
    Answer replaced = new Answer(old.teacher().teacherId(), old.teacher().contentHash(), 0);
    old.release();
    return replaced;
  }

  /** Opens {@code dir} with {@link Teacher#open} and swaps to it. */
  public Answer swap(Path dir) {
    return swap(Teacher.open(dir));
  }

  /** The signature of the version now serving. */
  public TeacherSignature signature() {
    return current.get().teacher().signature();
  }

  /** The content hash of the version now serving. */
  public String contentHash() {
    return current.get().teacher().contentHash();
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
    current.get().release();
  }

  private Answer runAlone(TeacherInputBatch batch, float[] out) {
    takePermit();
    TeacherVersion version = retainCurrent();
    try {
      version.teacher().predict(batch, out);
      forwardPasses.incrementAndGet();
      return answer(version, batch.size());
    } finally {
      version.release();
      passPermits.release();
    }
  }

  private void runGroup(Lane lane, List<MicroBatcher.Request<?>> group) {
    TeacherVersion version = retainCurrent();
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
          version.teacher().predict(merged, lane.out);
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
        answerOf(request).complete(answer(version, n));
      }
    } catch (RuntimeException e) {
      // fail this pass's callers; the lane's thread goes on serving
      group.forEach(request -> answerOf(request).completeExceptionally(e));
    } catch (Error e) {
      group.forEach(request -> answerOf(request).completeExceptionally(e));
      throw e;
    } finally {
      lane.accepted.clear();
      version.release();
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

  private TeacherVersion retainCurrent() {
    while (true) {
      TeacherVersion version = current.get();
      if (version.tryRetain()) {
        return version;
      }
    }
  }

  private void takePermit() {
    try {
      passPermits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException(new ModelException("interrupted while waiting for a lane", e));
    }
  }

  private static Answer answer(TeacherVersion version, int rows) {
    return new Answer(version.teacher().teacherId(), version.teacher().contentHash(), rows);
  }

  private void checkOpen() {
    if (closed) {
      throw new ModelException("the teacher runtime is closed");
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

  private static List<String> incompatibilities(Teacher served, Teacher next) {
    List<String> problems = new ArrayList<>();
    TeacherSignature a = served.signature();
    TeacherSignature b = next.signature();
    if (!a.getTeacherId().equals(b.getTeacherId())) {
      problems.add("teacher id '" + b.getTeacherId() + "' is not the served '" + a.getTeacherId() + "'");
    }
    if (a.getInputs().size() != b.getInputs().size()) {
      problems.add(b.getInputs().size() + " inputs, the served teacher has " + a.getInputs().size());
    } else {
      for (int i = 0; i < a.getInputs().size(); i++) {
        TeacherInput x = a.getInputs().get(i);
        TeacherInput y = b.getInputs().get(i);
        if (!x.getName().equals(y.getName()) || x.getType() != y.getType() || x.getCardinality() != y.getCardinality()
            || x.getDimension() != y.getDimension()) {
          problems.add("$.inputs[" + i + "]: " + y.getName() + " " + y.getType() + " is not the served " + x.getName()
              + " " + x.getType() + " (cardinality and dimension must match too)");
        }
      }
    }
    if (!a.getHeads().equals(b.getHeads())) {
      problems.add("heads " + names(b) + " are not the served " + names(a));
    }
    return problems;
  }

  private static List<String> names(TeacherSignature signature) {
    return signature.getHeads().stream().map(h -> h.getName() + ":" + h.getKind()).toList();
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
