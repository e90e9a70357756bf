package io.crossdistill.student;

import io.crossdistill.datasets.TaskDef;
import io.crossdistill.schemas.TaskKind;
import io.crossdistill.schemas.metrics.Metrics;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The quality of one model on one task of one split, as the report and metrics.json show it: AUC, log
 * loss and expected calibration error for a binary task (computed from logits), R² and RMSE for a
 * regression task. Values are keyed by their JSON names ({@link #AUC}, {@link #LOG_LOSS}, {@link #ECE},
 * {@link #R2}, {@link #RMSE}); a value that is undefined for the data (AUC with one class) is NaN in
 * {@link #values()} and empty from its accessor. The {@link #headline()} metric is the one comparisons
 * test: AUC for binary tasks, R² for regression.
 *
 * @param task the task
 * @param values JSON metric name → value, in a fixed order
 */
public record TaskMetrics(TaskDef task, Map<String, Double> values) {

  public static final String AUC = "auc";
  public static final String LOG_LOSS = "logLoss";
  public static final String ECE = "ece";
  public static final String R2 = "r2";
  public static final String RMSE = "rmse";

  /** Copies the values; rejects names that do not belong to the task's kind. */
  public TaskMetrics {
    Objects.requireNonNull(task, "task");
    for (String name : values.keySet()) {
      if (!names(task.kind()).containsKey(name)) {
        throw new IllegalArgumentException("metric " + name + " does not apply to " + task.kind() + " task " + task.name());
      }
    }
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /**
   * Scores raw outputs, logits for a binary task and values for a regression task, against the true
   * labels; rows whose label is NaN are skipped.
   */
  public static TaskMetrics of(TaskDef task, float[] outputs, float[] labels) {
    Map<String, Double> values = new LinkedHashMap<>();
    if (task.kind() == TaskKind.BINARY) {
      values.put(AUC, Metrics.auc(outputs, labels));
      values.put(LOG_LOSS, Metrics.logLoss(outputs, labels));
      values.put(ECE, Metrics.expectedCalibrationError(outputs, labels));
    } else {
      values.put(R2, Metrics.r2(outputs, labels));
      values.put(RMSE, Metrics.rmse(outputs, labels));
    }
    return new TaskMetrics(task, values);
  }

  /** The JSON name of the metric comparisons test for a task of this kind: "auc" or "r2". */
  public static String headlineName(TaskKind kind) {
    return kind == TaskKind.BINARY ? AUC : R2;
  }

  /** The names this kind of task is scored with, mapped to how the report labels them. */
  public static Map<String, String> names(TaskKind kind) {
    return kind == TaskKind.BINARY
        ? orderedMap(AUC, "AUC", LOG_LOSS, "log loss", ECE, "ECE")
        : orderedMap(R2, "R²", RMSE, "RMSE");
  }

  /** The metric comparisons test: AUC for a binary task, R² for a regression task. */
  public OptionalDouble headline() {
    return value(headlineName(task.kind()));
  }

  /** A metric by JSON name; empty when absent or undefined (NaN). */
  public OptionalDouble value(String name) {
    Double v = values.get(name);
    return v == null || v.isNaN() ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  public OptionalDouble auc() {
    return value(AUC);
  }

  public OptionalDouble logLoss() {
    return value(LOG_LOSS);
  }

  public OptionalDouble ece() {
    return value(ECE);
  }

  public OptionalDouble r2() {
    return value(R2);
  }

  public OptionalDouble rmse() {
    return value(RMSE);
  }

  private static Map<String, String> orderedMap(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }
}
