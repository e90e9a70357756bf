package io.crossdistill.aligner;

import java.util.List;
import java.util.Objects;

/**
 * A task alignment: for each target task, where its teacher label comes from and how the student distils it.
 * Specs are immutable values; registering an edit or {@link TaskAligner#fit fitting} one makes a new version,
 * and every label names the exact name and version that made it. Read and write them with
 * {@link AlignmentJson} (people, REST) and {@link AlignmentAvro} (storage).
 *
 * @param name        alignment name, e.g. {@code music-homepage}
 * @param version     1 or more
 * @param description free text, may be empty
 * @param tasks       the tasks, in the order of the aligned label columns
 */
public record TaskAlignmentSpec(String name, int version, String description, List<TargetTask> tasks) {

    public TaskAlignmentSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        tasks = List.copyOf(tasks);
    }

    /** @return a copy with another version number */
    public TaskAlignmentSpec withVersion(int newVersion) {
        return new TaskAlignmentSpec(name, newVersion, description, tasks);
    }

    /** @return a copy with other tasks */
    public TaskAlignmentSpec withTasks(List<TargetTask> newTasks) {
        return new TaskAlignmentSpec(name, version, description, newTasks);
    }
}
