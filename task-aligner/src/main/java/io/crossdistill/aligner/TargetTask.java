package io.crossdistill.aligner;

import io.crossdistill.schemas.TaskKind;
import java.util.Objects;

/**
 * One task of the target (or one auxiliary-only teacher task): its name and kind, whether the target serves
 * it, where its teacher label comes from, and how the student distils it. Distillation settings of a
 * not-distilled task are ignored.
 *
 * @param name         task name, unique within the spec
 * @param kind         binary or regression
 * @param serving      false for heads the target never serves
 * @param source       where the teacher label comes from
 * @param distillation weight, loss and temperature the student reads
 */
public record TargetTask(String name, TaskKind kind, boolean serving, TaskSource source, DistillationSettings distillation) {

    public TargetTask {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(distillation, "distillation");
    }

    /** @return a task with {@link DistillationSettings#DEFAULT} */
    public static TargetTask of(String name, TaskKind kind, boolean serving, TaskSource source) {
        return new TargetTask(name, kind, serving, source, DistillationSettings.DEFAULT);
    }

    /** @return a copy with other distillation settings */
    public TargetTask withDistillation(DistillationSettings settings) {
        return new TargetTask(name, kind, serving, source, settings);
    }

    /** @return a copy with another source */
    public TargetTask withSource(TaskSource newSource) {
        return new TargetTask(name, kind, serving, newSource, distillation);
    }

    /** @return true unless the source is {@link TaskSource.NotDistilled} */
    public boolean distilled() {
        return !(source instanceof TaskSource.NotDistilled);
    }
}
