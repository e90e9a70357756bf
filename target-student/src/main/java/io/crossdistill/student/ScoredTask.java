package io.crossdistill.student;

import io.crossdistill.datasets.TaskDef;
import java.util.Arrays;
import java.util.Objects;

/**
 * One model's raw outputs on one task over the examples of a split, beside the true labels: logits for
 * a binary task, values for a regression task; a NaN label means the example has none for this task.
 * The arrays are copied on the way in and on the way out, so a caller can neither change nor see
 * changes to the record's data.
 *
 * @param task the task
 * @param outputs one raw output per example, in the order of {@link ScoredSplit#exampleIds()}
 * @param labels one true label per example, NaN where unlabelled
 */
public record ScoredTask(TaskDef task, float[] outputs, float[] labels) {

  /** Checks the lengths and copies the arrays. */
  public ScoredTask {
    Objects.requireNonNull(task, "task");
    if (outputs.length != labels.length) {
      throw new IllegalArgumentException(task.name() + ": " + outputs.length + " outputs but " + labels.length + " labels");
    }
    outputs = outputs.clone();
    labels = labels.clone();
  }

  /** A copy of the outputs. */
  @Override
  public float[] outputs() {
    return outputs.clone();
  }

  /** A copy of the labels. */
  @Override
  public float[] labels() {
    return labels.clone();
  }

  /** The number of examples. */
  public int size() {
    return outputs.length;
  }

  /** This task's metrics on these outputs. */
  public TaskMetrics metrics() {
    return TaskMetrics.of(task, outputs, labels);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ScoredTask o && task.equals(o.task) && Arrays.equals(outputs, o.outputs)
        && Arrays.equals(labels, o.labels);
  }

  @Override
  public int hashCode() {
    return Objects.hash(task, Arrays.hashCode(outputs), Arrays.hashCode(labels));
  }

  @Override
  public String toString() {
    return "ScoredTask[" + task.name() + ", " + outputs.length + " examples]";
  }
}
