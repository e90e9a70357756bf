package io.crossdistill.student.internal.report;

import io.crossdistill.datasets.TaskDef;
import io.crossdistill.student.TaskMetrics;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The one-sentence verdict of a comparison, e.g. "distilled vs control, love AUC at 10%: +1.12 points,
 * significant (paired t-test p = 0.004 over 5 seeds; 95% bootstrap CI [+0.71, +1.50] excludes 0)".
 * Differences are in points (metric × 100); a failing test is visible in the wording ("p = 0.21 ≥ 0.05",
 * "includes 0").
 */
final class VerdictText {

  private VerdictText() {
  }

  static String of(String variant, String baseline, TaskDef task, double fraction, double meanDifference,
      int seeds, OptionalDouble p, double[] ci, boolean significant, double std) {
    String metric = TaskMetrics.names(task.kind()).get(TaskMetrics.headlineName(task.kind()));
    return variant + " vs " + baseline + ", " + task.name() + " " + metric + " at " + percent(fraction) + ": "
        + points(meanDifference) + " points, " + (significant ? "significant" : "not significant")
        + " (" + tTest(p, seeds, std) + "; " + interval(ci) + ")";
  }

  static String percent(double fraction) {
    double percent = fraction * 100;
    return (percent == Math.rint(percent) ? String.valueOf((long) percent) : trim(percent)) + "%";
  }

  static String points(double difference) {
    return String.format(Locale.ROOT, "%+.2f", difference * 100).replace('-', '−');
  }

  private static String tTest(OptionalDouble p, int seeds, double std) {
    if (seeds < 2) {
      return "paired t-test undefined with 1 seed, decided by the CI alone";
    }
    if (p.isEmpty()) {
      return "paired t-test undefined: the difference is " + (std == 0 ? "the same on every seed" : "undefined")
          + ", decided by the CI alone";
    }
    double value = p.getAsDouble();
    String shown = value < 0.001 ? "p < 0.001" : String.format(Locale.ROOT, "p = %.3f", value);
    return "paired t-test " + shown + (value < 0.05 ? "" : " ≥ 0.05") + " over " + seeds + " seeds";
  }

  private static String interval(double[] ci) {
    if (Double.isNaN(ci[0])) {
      return "95% bootstrap CI undefined";
    }
    boolean excludes = ci[0] > 0 || ci[1] < 0;
    return "95% bootstrap CI [" + points(ci[0]) + ", " + points(ci[1]) + "] " + (excludes ? "excludes 0" : "includes 0");
  }

  private static String trim(double value) {
    String s = String.format(Locale.ROOT, "%.3f", value);
    return s.replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
