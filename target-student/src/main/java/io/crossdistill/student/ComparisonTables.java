package io.crossdistill.student;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A comparison as plain text: per target-data fraction, one table of test-split metrics (mean ± std
 * over seeds) with a column per model — the teacher used alone, the control and every variant — then
 * the verdict of every variant against the control (and against the teacher) on each task's headline
 * metric.
 */
public final class ComparisonTables {

  private static final List<String> SHOWN = List.of(TaskMetrics.AUC, TaskMetrics.LOG_LOSS, TaskMetrics.ECE,
      TaskMetrics.R2, TaskMetrics.RMSE);

  private ComparisonTables() {
  }

  /** The tables and verdicts of {@code result}. */
  public static String render(ComparisonResult result) {
    StringBuilder out = new StringBuilder();
    Set<Double> fractions = new LinkedHashSet<>();
    Set<String> variants = new LinkedHashSet<>();
    for (ModelRun run : result.testRuns()) {
      fractions.add(run.fraction());
      variants.add(run.variant());
    }
    for (double fraction : fractions) {
      ResultTable table = new ResultTable(List.copyOf(variants));
      for (ModelRun run : result.testRuns()) {
        if (run.fraction() != fraction) {
          continue;
        }
        for (Map.Entry<String, TaskMetrics> task : run.metrics().entrySet()) {
          for (String metric : SHOWN) {
            task.getValue().value(metric).ifPresent(v -> table.add(task.getKey() + " " + metric, run.variant(), v));
          }
        }
      }
      out.append(String.format(Locale.ROOT, "%nTest split, students trained on %.0f%% of target train (%s):%n",
          fraction * 100, result.dataDescription()));
      out.append(table.render());
      List<String> verdicts = new ArrayList<>();
      for (Comparison c : result.comparisons()) {
        if (c.fraction() == fraction) {
          verdicts.add("  " + c.verdict());
        }
      }
      if (!verdicts.isEmpty()) {
        out.append("Significance (paired over seeds, bootstrap over test examples):\n");
        verdicts.forEach(v -> out.append(v).append('\n'));
      }
    }
    if (!result.notes().isEmpty()) {
      out.append('\n');
      result.notes().forEach(n -> out.append(n).append('\n'));
    }
    return out.toString();
  }
}
