package io.crossdistill.student;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The per-example outputs of one model on one split: the examples' ids and, for every task, the raw
 * outputs and true labels in the same order. The score files and the bootstrap of the comparisons are
 * computed from it.
 *
 * @param exampleIds the examples, in row order
 * @param tasks one entry per task, each with {@code exampleIds.size()} rows
 */
public record ScoredSplit(List<String> exampleIds, List<ScoredTask> tasks) {

  /** Checks that every task covers every example once and that task names are unique. */
  public ScoredSplit {
    exampleIds = List.copyOf(exampleIds);
    tasks = List.copyOf(tasks);
    Map<String, ScoredTask> byName = new LinkedHashMap<>();
    for (ScoredTask t : tasks) {
      if (t.size() != exampleIds.size()) {
        throw new IllegalArgumentException("task " + t.task().name() + " has " + t.size() + " rows for "
            + exampleIds.size() + " examples");
      }
      if (byName.put(t.task().name(), t) != null) {
        throw new IllegalArgumentException("task " + t.task().name() + " is scored twice");
      }
    }
  }

  /** The scores of one task, by name. */
  public Optional<ScoredTask> task(String name) {
    return tasks.stream().filter(t -> t.task().name().equals(name)).findFirst();
  }

  /** Every task's metrics on these outputs, keyed by task name, in task order. */
  public Map<String, TaskMetrics> metrics() {
    Map<String, TaskMetrics> metrics = new LinkedHashMap<>();
    for (ScoredTask t : tasks) {
      metrics.put(t.task().name(), t.metrics());
    }
    return metrics;
  }
}
