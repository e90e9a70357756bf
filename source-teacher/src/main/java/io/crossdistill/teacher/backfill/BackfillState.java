package io.crossdistill.teacher.backfill;

/** Where a backfill job stands. */
public enum BackfillState {
  /** Waiting for a free slot ({@code crossdistill.backfill.max-concurrent}); first in, first out. */
  QUEUED,
  /** Labelling. */
  RUNNING,
  /** The label set is complete (made by this job, or found made already). */
  SUCCEEDED,
  /** Stopped by an error (see the job's {@code error}); its checkpoint stays, so the same job again resumes. */
  FAILED,
  /** Stopped on request; a running job's checkpoint stays. */
  CANCELLED;

  /** Whether the job has ended. */
  public boolean ended() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
