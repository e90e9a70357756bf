package io.crossdistill.teacher.backfill;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Called by every running backfill job before each batch it reads, on the job's thread. The service's own
 * bean does nothing; another bean of this type replaces it (the tests hold a job at a known record to
 * see the queue and faults deterministically, without timing).
 */
@DefaultBean
@ApplicationScoped
public class BackfillHooks {

  /** Job {@code jobId} is about to read its next batch; {@code done} input records are committed or labelled. */
  public void beforeBatch(String jobId, long done) {
    // nothing to do
  }
}
