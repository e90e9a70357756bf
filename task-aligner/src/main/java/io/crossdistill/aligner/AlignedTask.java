package io.crossdistill.aligner;

import io.crossdistill.schemas.TaskKind;
import io.crossdistill.v1.LabelSpace;

/**
 * One column of a compiled alignment's output, with everything the student trainer reads for it.
 *
 * @param column      the column index in each output row
 * @param name        task name (for auxiliary-only tasks, the auxiliary task's name)
 * @param kind        binary or regression
 * @param serving     false for heads the target never serves
 * @param space       {@link LabelSpace#LOGIT} for binary tasks, {@link LabelSpace#VALUE} for regression tasks
 * @param weight      distillation weight
 * @param loss        distillation loss
 * @param temperature distillation temperature
 * @param source      where the label comes from, for people, e.g. {@code head click · platt}
 */
public record AlignedTask(int column, String name, TaskKind kind, boolean serving, LabelSpace space,
                          double weight, DistillationLoss loss, double temperature, String source) {
}
