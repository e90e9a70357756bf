package io.crossdistill.labelling;

import io.crossdistill.models.TeacherRuntime;
import io.crossdistill.schemas.TeacherInputBatch;
import io.crossdistill.v1.TeacherSignature;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The teacher version that labels, and <b>hot swap</b> to the next one: the one mechanism by which REST
 * labels, backfills and streams score with a teacher that may be replaced under them. Each version is a
 * {@link TeacherRuntime} (pool, micro-batching) plus the artifact it came from. A caller {@linkplain
 * #lease() leases} the serving version for one unit of work (a request, a batch); every answer of the
 * lease comes from that one version. {@link #serve} installs a new version: leases already taken finish on
 * the old one, later leases get the new one, and the old runtime closes when its last lease closes.
 *
 * <pre>{@code
 * try (ServingTeacher teacher = new ServingTeacher()) {
 *   teacher.serve(TeacherRuntime.open(dir), dir);
 *   try (ServingTeacher.Lease lease = teacher.lease()) {
 *     lease.predict(batch, out);        // made by lease.contentHash(), even if another version serves now
 *   }
 *   teacher.serve(TeacherRuntime.open(nextDir), nextDir);
 * }
 * }</pre>
 */
public final class ServingTeacher implements AutoCloseable {

  private final AtomicReference<Version> serving = new AtomicReference<>();
  /** Versions whose runtime is still open (serving, or retired with leases left). */
  private final Set<Version> open = ConcurrentHashMap.newKeySet();
  /** Guards the pass count against a version moving from {@link #open} to {@link #closedPasses}. */
  private final Object passCount = new Object();
  private long closedPasses;
  private volatile boolean closed;

  /** Serves nothing until {@link #serve} is called. */
  public ServingTeacher() {
  }

  /**
   * Makes {@code runtime}, loaded from {@code source}, the version that serves, taking ownership of it. The
   * previous version keeps answering the leases that hold it and closes after the last of them.
   *
   * @throws IllegalStateException when this is closed (the runtime is then closed)
   */
  public void serve(TeacherRuntime runtime, Path source) {
    Version previous = serving.getAndSet(install(runtime, source));
    if (previous != null) {
      previous.release();
    }
    recheckClosed();
  }

  /**
   * Like {@link #serve} but only while nothing serves (a first start that raced with an operator).
   *
   * @return false, and the caller keeps owning {@code runtime}, when a version already serves
   */
  public boolean serveIfNone(TeacherRuntime runtime, Path source) {
    Version version = install(runtime, source);
    if (!serving.compareAndSet(null, version)) {
      open.remove(version);
      return false;
    }
    recheckClosed();
    return true;
  }

  private Version install(TeacherRuntime runtime, Path source) {
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(source, "source");
    if (closed) {
      runtime.close();
      throw new IllegalStateException("the serving teacher is closed");
    }
    Version version = new Version(runtime, source);
    open.add(version);
    return version;
  }

  /** A version installed while {@link #close} ran would outlive it: retire it too. */
  private void recheckClosed() {
    if (closed) {
      Version left = serving.getAndSet(null);
      if (left != null) {
        left.release();
      }
    }
  }

  /** A lease on the version that serves now; empty when none does. Close it when the work is answered. */
  public Optional<Lease> tryLease() {
    while (true) {
      Version version = serving.get();
      if (version == null) {
        return Optional.empty();
      }
      if (version.tryRetain()) {
        return Optional.of(new Lease(version));
      }
      // retired and closed between the read and the hold: the next read sees its successor
      Thread.onSpinWait();
    }
  }

  /**
   * A lease on the version that serves now. Close it when the work is answered.
   *
   * @throws NoTeacherException when no version serves
   */
  public Lease lease() {
    return tryLease().orElseThrow(() -> new NoTeacherException(closed
        ? "the serving teacher is closed" : "no teacher serves yet: load or register one first"));
  }

  /** The signature of the version that serves now, if one does. */
  public Optional<TeacherSignature> signature() {
    return Optional.ofNullable(serving.get()).map(Version::signature);
  }

  /** The artifact the serving version came from, if one serves. */
  public Optional<Path> source() {
    return Optional.ofNullable(serving.get()).map(Version::source);
  }

  /** Forward passes of every version so far, open or closed (a micro-batched pass counts once). */
  public long forwardPasses() {
    synchronized (passCount) {
      long passes = closedPasses;
      for (Version version : open) {
        passes += version.runtime.forwardPasses();
      }
      return passes;
    }
  }

  /** Stops serving; the last version closes once its leases have closed. */
  @Override
  public void close() {
    closed = true;
    Version version = serving.getAndSet(null);
    if (version != null) {
      version.release();
    }
  }

  /**
   * One installed version, reference counted: one hold while it serves plus one per open lease; the
   * last release closes its runtime (which first answers every request it accepted).
   */
  private final class Version {
    private final TeacherRuntime runtime;
    private final Path source;
    private final TeacherSignature signature;
    private final AtomicInteger holds = new AtomicInteger(1);

    Version(TeacherRuntime runtime, Path source) {
      this.runtime = runtime;
      this.source = source;
      this.signature = runtime.signature();
    }

    TeacherSignature signature() {
      return signature;
    }

    Path source() {
      return source;
    }

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

    void release() {
      if (holds.decrementAndGet() == 0) {
        runtime.close();
        synchronized (passCount) {
          closedPasses += runtime.forwardPasses();
          open.remove(this);
        }
      }
    }
  }

  /**
   * A hold on one teacher version for one unit of work: that version stays open, and is the one that
   * answers every {@link #predict}, until the lease is closed. Concurrent {@link #predict} calls on one
   * lease are allowed (they share the runtime's forward passes).
   */
  public static final class Lease implements TeacherForward, AutoCloseable {
    private final Version version;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Lease(Version version) {
      this.version = version;
    }

    /** The teacher id of the held version. */
    public String id() {
      return version.signature.getTeacherId();
    }

    /** The content hash that names exactly which model answers. */
    public String contentHash() {
      return version.signature.getContentHash();
    }

    /** The artifact directory the held version was loaded from. */
    public Path path() {
      return version.source;
    }

    @Override
    public TeacherSignature signature() {
      return version.signature;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException when the lease is closed
     */
    @Override
    public void predict(TeacherInputBatch batch, float[] out) {
      if (closed.get()) {
        throw new IllegalStateException("the lease on teacher " + id() + " (" + contentHash() + ") is closed");
      }
      TeacherRuntime.Answer answer = version.runtime.predict(batch, out);
      // one runtime serves one version for its whole life; anything else would be a mixed answer
      if (!answer.contentHash().equals(contentHash())) {
        throw new IllegalStateException("teacher " + id() + " answered with version " + answer.contentHash()
            + " instead of " + contentHash());
      }
    }

    /** Releases the version; the last lease on a retired version closes its runtime. */
    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        version.release();
      }
    }
  }
}
