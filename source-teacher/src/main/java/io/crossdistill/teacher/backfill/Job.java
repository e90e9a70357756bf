package io.crossdistill.teacher.backfill;

import io.crossdistill.labelling.LabelSetManifest;
import io.crossdistill.labelling.RecordSource;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One backfill job while the service holds it: its state, progress and, until it runs, the plan (with its
 * teacher lease) and the input it was keyed by. Every change is made under the job's lock, and
 * {@link #snapshot} gives what the API shows and the job's record keeps.
 */
final class Job {

  private final String id;
  private final String team;
  private final BackfillRequest request;
  private final String submittedAt;
  private BackfillState state;
  private String error;
  private long done;
  private Long total;
  private long labels;
  private long deadLetters;
  private long resumedFrom;
  private String labelSet;
  private boolean reused;
  private double teacherSecondsSaved;
  private String startedAt;
  private String finishedAt;
  private Double ratePerSecond;
  private long runStartNanos;
  private volatile boolean cancelRequested;
  private BackfillPlan plan;
  private RecordSource source;

  private Job(BackfillJob record) {
    this.id = record.id();
    this.team = record.team();
    this.request = record.request();
    this.submittedAt = record.submittedAt();
    this.state = record.state();
    this.error = record.error();
    this.done = record.done();
    this.total = record.total();
    this.labels = record.labels();
    this.deadLetters = record.deadLetters();
    this.resumedFrom = record.resumedFrom();
    this.labelSet = record.labelSet();
    this.reused = record.reused();
    this.teacherSecondsSaved = record.teacherSecondsSaved();
    this.startedAt = record.startedAt();
    this.finishedAt = record.finishedAt();
    this.ratePerSecond = record.ratePerSecond();
  }

  /** A new job, queued with its plan and (when the input is keyed at submission) its opened input. */
  static Job submitted(String id, String team, BackfillPlan plan, RecordSource source, String labelSet) {
    Job job = new Job(new BackfillJob(id, team, BackfillState.QUEUED, null, plan.request(), 0,
        source == null ? null : source.size().stream().boxed().findFirst().orElse(null), 0, 0, 0, null, null, labelSet,
        false, 0, Instant.now().toString(), null, null));
    job.plan = plan;
    job.source = source;
    return job;
  }

  /** A job read back from its record. */
  static Job restored(BackfillJob record) {
    return new Job(record);
  }

  /** A job that was queued or running when the service stopped, queued again to resume from its checkpoint. */
  static Job resumed(BackfillJob record) {
    Job job = new Job(record);
    job.state = BackfillState.QUEUED;
    job.error = null;
    job.finishedAt = null;
    return job;
  }

  String id() {
    return id;
  }

  String team() {
    return team;
  }

  BackfillRequest request() {
    return request;
  }

  synchronized BackfillState state() {
    return state;
  }

  synchronized long done() {
    return done;
  }

  synchronized Optional<String> labelSet() {
    return Optional.ofNullable(labelSet);
  }

  boolean cancelRequested() {
    return cancelRequested;
  }

  /**
   * What a job holds until it runs: the plan made at submission (with its teacher lease) and the input it
   * was keyed by; a job resumed after a restart has neither and plans again.
   */
  record Pending(Optional<BackfillPlan> plan, Optional<RecordSource> source) {

    void close() {
      try {
        source.ifPresent(RecordSource::close);
      } finally {
        plan.ifPresent(BackfillPlan::close);
      }
    }
  }

  /** QUEUED → RUNNING, handing over what the job holds; empty when it was cancelled while it waited. */
  synchronized Optional<Pending> start() {
    if (state != BackfillState.QUEUED) {
      return Optional.empty();
    }
    state = BackfillState.RUNNING;
    startedAt = Instant.now().toString();
    runStartNanos = System.nanoTime();
    return Optional.of(takePending());
  }

  private Pending takePending() {
    Pending pending = new Pending(Optional.ofNullable(plan), Optional.ofNullable(source));
    plan = null;
    source = null;
    return pending;
  }

  synchronized void keyed(String id, OptionalLong size) {
    labelSet = id;
    size.ifPresent(n -> total = n);
  }

  synchronized void started(long from, OptionalLong size) {
    resumedFrom = from;
    done = from;
    size.ifPresent(n -> total = n);
    runStartNanos = System.nanoTime();
  }

  synchronized void progress(long done, long labels, long deadLetters) {
    this.done = done;
    this.labels = labels;
    this.deadLetters = deadLetters;
  }

  synchronized void succeeded(LabelSetManifest manifest, boolean reused) {
    ratePerSecond = rate();
    state = BackfillState.SUCCEEDED;
    this.reused = reused;
    labelSet = manifest.id();
    done = manifest.counts().input();
    total = manifest.counts().input();
    labels = manifest.counts().labels();
    deadLetters = manifest.counts().deadLetters();
    teacherSecondsSaved = reused ? manifest.cost().teacherSeconds() : 0;
    finishedAt = Instant.now().toString();
  }

  synchronized void failed(String message) {
    ratePerSecond = rate();
    state = BackfillState.FAILED;
    error = message;
    finishedAt = Instant.now().toString();
  }

  /**
   * Asks the job to stop: a queued one is cancelled at once (what it held is returned, to be closed), a
   * running one stops before its next batch.
   */
  synchronized Optional<Pending> cancel() {
    cancelRequested = true;
    if (state != BackfillState.QUEUED) {
      return Optional.empty();
    }
    cancelled();
    return Optional.of(takePending());
  }

  synchronized void cancelled() {
    ratePerSecond = rate();
    state = BackfillState.CANCELLED;
    finishedAt = Instant.now().toString();
  }

  /** What the API shows and the record keeps; rate and ETA are of the running run. */
  synchronized BackfillJob snapshot() {
    Double rate = state == BackfillState.RUNNING ? rate() : ratePerSecond;
    Double eta = null;
    if (state == BackfillState.RUNNING && rate != null && rate > 0 && total != null) {
      eta = Math.max(0, total - done) / rate;
    }
    return new BackfillJob(id, team, state, error, request, done, total, labels, deadLetters, resumedFrom, rate, eta,
        labelSet, reused, teacherSecondsSaved, submittedAt, startedAt, finishedAt);
  }

  private Double rate() {
    if (runStartNanos == 0) {
      return null;
    }
    double seconds = (System.nanoTime() - runStartNanos) / 1e9;
    return seconds <= 0 ? null : (done - resumedFrom) / seconds;
  }
}
