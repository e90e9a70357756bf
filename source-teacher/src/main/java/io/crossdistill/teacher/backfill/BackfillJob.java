package io.crossdistill.teacher.backfill;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A backfill job as the API shows it and as its record in the data directory keeps it.
 *
 * @param id the job's id
 * @param team the team that submitted it
 * @param state where it stands
 * @param error why it failed, when it did
 * @param request the job, resolved (teacher hash, {@code name@version} references, settings filled in)
 * @param done input records labelled or dead-lettered so far, checkpointed ones included
 * @param total input records, when known (after the input is read for its hash)
 * @param labels labels made; dead letters: records refused. While running, of this run; at the end, of the set
 * @param deadLetters records refused (read or mapping errors)
 * @param resumedFrom input records a checkpoint already covered when the job started
 * @param ratePerSecond input records per second of this run
 * @param etaSeconds seconds left at that rate
 * @param labelSet the label set's id (also its directory in the label store), once known
 * @param reused true when the set existed and nothing was labelled
 * @param teacherSecondsSaved teacher time a reuse did not spend (the set's teacher seconds)
 * @param submittedAt ISO-8601 instant
 * @param startedAt ISO-8601 instant the (last) run started
 * @param finishedAt ISO-8601 instant it ended
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record BackfillJob(String id, String team, BackfillState state, String error, BackfillRequest request, long done,
    Long total, long labels, long deadLetters, long resumedFrom, Double ratePerSecond, Double etaSeconds,
    String labelSet, boolean reused, double teacherSecondsSaved, String submittedAt, String startedAt,
    String finishedAt) {
}
