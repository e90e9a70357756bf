package io.crossdistill.student;

import io.crossdistill.datasets.TaskDef;
import io.crossdistill.datasets.TaskKind;
import io.crossdistill.models.Metrics;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The quality of one model on one task: AUC and log loss for binary tasks (from logits), R² and RMSE
 * for regression tasks.
 *
 * @param task the task
 * @param metrics metric name → value, in a fixed order
 */
public record TaskScores(TaskDef task, Map<String, Double> metrics) {

  public TaskScores {
    metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /** Scores raw outputs (logits for binary tasks, values for regression) against true labels. */
  public static TaskScores of(TaskDef task, float[] outputs, float[] labels) {
    Map<String, Double> m = new LinkedHashMap<>();
    if (task.kind() == TaskKind.BINARY) {
      m.put("AUC", Metrics.auc(outputs, labels));
      m.put("log loss", Metrics.logLoss(outputs, labels));
    } else {
      m.put("R²", Metrics.r2(outputs, labels));
      m.put("RMSE", Metrics.rmse(outputs, labels));
    }
    return new TaskScores(task, m);
  }
}
