package io.crossdistill.student.internal.report;

import io.crossdistill.datasets.TaskDef;
import io.crossdistill.student.ModelRun;
import io.crossdistill.student.ScoredTask;
import io.crossdistill.student.TaskMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeSet;

/**
 * The test runs of a result seen by (variant, fraction): which variants, fractions and tasks there are,
 * and a metric's mean and sample standard deviation over the seeds. The report's tables and charts read
 * the runs through it.
 */
final class SeedSummary {

  private final List<ModelRun> testRuns;
  private final List<String> variants;
  private final List<Double> fractions;
  private final Map<String, TaskDef> tasks = new LinkedHashMap<>();

  SeedSummary(List<ModelRun> testRuns) {
    this.testRuns = testRuns;
    LinkedHashSet<String> v = new LinkedHashSet<>();
    TreeSet<Double> f = new TreeSet<>();
    for (ModelRun run : testRuns) {
      v.add(run.variant());
      f.add(run.fraction());
      for (ScoredTask task : run.scores().tasks()) {
        tasks.putIfAbsent(task.task().name(), task.task());
      }
    }
    this.variants = List.copyOf(v);
    this.fractions = List.copyOf(f);
  }

  List<String> variants() {
    return variants;
  }

  List<Double> fractions() {
    return fractions;
  }

  List<TaskDef> tasks() {
    return List.copyOf(tasks.values());
  }

  /** The test runs of one variant at one fraction, in seed order of appearance. */
  List<ModelRun> runs(String variant, double fraction) {
    return testRuns.stream().filter(r -> r.variant().equals(variant) && r.fraction() == fraction).toList();
  }

  /** The defined values of one metric over the seeds of (variant, fraction). */
  double[] values(String variant, double fraction, String task, String metric) {
    List<Double> out = new ArrayList<>();
    for (ModelRun run : runs(variant, fraction)) {
      TaskMetrics m = run.metrics().get(task);
      OptionalDouble value = m == null ? OptionalDouble.empty() : m.value(metric);
      value.ifPresent(out::add);
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return values.length == 0 ? Double.NaN : sum / values.length;
  }

  /** Sample standard deviation; 0 for fewer than two values. */
  static double std(double[] values) {
    if (values.length < 2) {
      return 0;
    }
    double mean = mean(values);
    double sum = 0;
    for (double v : values) {
      sum += (v - mean) * (v - mean);
    }
    return Math.sqrt(sum / (values.length - 1));
  }
}
