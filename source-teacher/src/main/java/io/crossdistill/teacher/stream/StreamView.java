package io.crossdistill.teacher.stream;

import java.util.List;
import java.util.Optional;

/**
 * A label stream as {@code GET /api/v1/streams} shows it.
 *
 * @param state WAITING (for its mapping, alignment or a teacher), STARTING, RUNNING, RECOVERING, FAILED or STOPPED
 * @param reason why it waits, recovers or failed
 * @param records input records consumed in committed transactions (by this instance)
 * @param labels labels produced in committed transactions
 * @param deadLetters dead letters produced in committed transactions
 * @param transactions committed transactions
 * @param aborts batches aborted and rewound
 * @param lag records behind the end of this instance's partitions, when known
 * @param partitions the input partitions this instance holds
 * @param teacherHash content hash of the teacher version that labelled the last committed batch
 * @param recordsPerSecond throughput: input records committed per second over the last minute (or since the
 *     stream started, when shorter), when known
 */
public record StreamView(String state, Optional<String> reason, String inputTopic, String outputTopic,
    String deadLetterTopic, String groupId, String instanceId, String transactionalId, String mapping,
    String alignment, String team, long records, long labels, long deadLetters, long transactions, long aborts,
    Optional<Long> lag, List<Integer> partitions, Optional<String> teacherHash, Optional<Double> recordsPerSecond) {
}
