package io.crossdistill.teacher.backfill;

import io.crossdistill.labelling.Backfill;
import io.crossdistill.labelling.LabelSetKey;
import io.crossdistill.labelling.LabelSetManifest;
import io.crossdistill.labelling.LabelStore;
import io.crossdistill.labelling.RecordSource;
import io.crossdistill.teacher.service.ServiceException;
import io.crossdistill.teacher.metrics.ServiceMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Runs one backfill job to its end on the calling thread: plans it again when it was resumed after a
 * restart, opens its input, checks that the input still has the hash it was keyed by, and runs labelling's
 * {@link Backfill} with the job's teacher lease, one job per label set at a time. The job's state, its
 * record and the meters follow; a failure becomes the job's error (only a VirtualMachineError goes on up).
 */
final class JobRunner {

  private static final Logger LOG = Logger.getLogger(JobRunner.class);

  private final BackfillPlanner planner;
  private final LabelStore store;
  private final BackfillJobStore records;
  private final ServiceMetrics metrics;
  private final BackfillHooks hooks;
  private final Path workRoot;
  private final BooleanSupplier stopping;
  private final Map<String, ReentrantLock> setLocks = new ConcurrentHashMap<>();

  /** @param stopping true once the service shuts down: running jobs stop and stay RUNNING, to resume at the next start */
  JobRunner(BackfillPlanner planner, LabelStore store, BackfillJobStore records, ServiceMetrics metrics,
      BackfillHooks hooks, Path workRoot, BooleanSupplier stopping) {
    this.planner = planner;
    this.store = store;
    this.records = records;
    this.metrics = metrics;
    this.hooks = hooks;
    this.workRoot = workRoot;
    this.stopping = stopping;
  }

  /** Runs a job on the calling thread (a slot's, or the submitter's for a set that exists). */
  void run(Job job) {
    if (stopping.getAsBoolean()) {
      return; // its record stays QUEUED: the next start runs it
    }
    Optional<Job.Pending> pending = job.start();
    if (pending.isEmpty()) {
      return;
    }
    records.save(job);
    BackfillPlan plan = pending.get().plan().orElse(null);
    RecordSource source = pending.get().source().orElse(null);
    Path work = workRoot.resolve(job.id());
    try {
      if (plan == null) {
        // a job resumed after a restart is checked again, as its team would be now
        plan = planner.plan(job.request(), job.team());
      }
      if (source == null) {
        source = plan.open(work);
      }
      LabelSetKey key = Backfill.key(plan.path(), source, plan.run());
      if (job.labelSet().isPresent() && !job.labelSet().get().equals(key.id())) {
        throw new IllegalStateException("the input changed since the job was submitted (label set " + key.id()
            + " instead of " + job.labelSet().get() + "); submit it again");
      }
      job.keyed(key.id(), source.size());
      records.save(job);
      ReentrantLock lock = setLocks.computeIfAbsent(key.id(), k -> new ReentrantLock());
      lock.lock();
      try {
        Backfill.Outcome outcome = Backfill.run(store, plan.path(), source, plan.lease(), plan.run(), plan.options(),
            listener(job), () -> {
              hooks.beforeBatch(job.id(), job.done());
              return job.cancelRequested() || stopping.getAsBoolean();
            });
        finish(job, outcome);
      } finally {
        lock.unlock();
      }
    } catch (ServiceException e) {
      job.failed(e.describe());
    } catch (RuntimeException | Error e) {
      LOG.errorf(e, "backfill %s failed", job.id());
      job.failed(describe(e));
      if (e instanceof VirtualMachineError error) {
        throw error;
      }
    } finally {
      close(source, plan);
      deleteQuietly(work);
      records.save(job);
    }
  }

  private void finish(Job job, Backfill.Outcome outcome) {
    if (outcome.cancelled()) {
      if (stopping.getAsBoolean()) {
        // the record stays RUNNING: the next start resumes the job from its checkpoint
        LOG.infof("backfill %s stopped by the shutdown at record %d; it resumes at the next start", job.id(),
            outcome.done());
        return;
      }
      job.cancelled();
      LOG.infof("backfill %s cancelled at record %d (its checkpoint stays)", job.id(), outcome.done());
      return;
    }
    LabelSetManifest manifest = outcome.set().manifest();
    job.succeeded(manifest, outcome.reused());
    if (outcome.reused()) {
      metrics.teacherSecondsSaved(manifest.cost().teacherSeconds());
      LOG.infof("backfill %s: label set %s exists, reused (%.1f teacher seconds saved)", job.id(), manifest.id(),
          manifest.cost().teacherSeconds());
    } else {
      LOG.infof("backfill %s: label set %s complete, %d labels, %d dead letters%s", job.id(), manifest.id(),
          manifest.counts().labels(), manifest.counts().deadLetters(),
          outcome.resumedFrom() > 0 ? " (resumed at record " + outcome.resumedFrom() + ")" : "");
    }
  }

  private Backfill.Listener listener(Job job) {
    return new Backfill.Listener() {
      private long labels;
      private long dead;

      @Override
      public void started(long from, OptionalLong total) {
        job.started(from, total);
        records.save(job);
      }

      @Override
      public void progress(long done, OptionalLong total, long labels, long deadLetters) {
        metrics.backfilled(labels - this.labels, deadLetters - this.dead);
        this.labels = labels;
        this.dead = deadLetters;
        job.progress(done, labels, deadLetters);
      }
    };
  }

  static String describe(Throwable e) {
    StringBuilder text = new StringBuilder(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      String message = cause.getMessage();
      if (message != null && !text.toString().contains(message)) {
        text.append(": ").append(message);
      }
    }
    return text.toString();
  }

  static void close(RecordSource source, BackfillPlan plan) {
    try {
      if (source != null) {
        source.close();
      }
    } finally {
      if (plan != null) {
        plan.close();
      }
    }
  }

  private static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.warnf("cannot remove the backfill work directory %s: %s", dir, e.getMessage());
    }
  }
}
