package io.crossdistill.student.internal.report;

import io.crossdistill.datasets.TaskDef;
import io.crossdistill.student.Comparison;
import io.crossdistill.student.ModelRun;
import io.crossdistill.student.ScoredTask;
import io.crossdistill.student.TaskMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * The computation behind {@code Comparisons.all}: groups test runs by (fraction, task), pairs each
 * variant's seeds with the baseline's, and runs the t-test and the bootstrap. Within a group every
 * resample is drawn once and every run is evaluated on it once, so a baseline run shared by several
 * variants is not evaluated again for each of them.
 */
public final class PairedComparisons {

  private static final double ALPHA = 0.05;
  private static final int BLOCK = 64;

  private PairedComparisons() {
  }

  /** See {@code Comparisons.all}. */
  public static List<Comparison> compute(List<ModelRun> runs, String baseline, int resamples, long bootstrapSeed) {
    List<ModelRun> test = runs.stream().filter(ModelRun::isTest).toList();
    LinkedHashSet<String> variants = new LinkedHashSet<>();
    TreeSet<Double> fractions = new TreeSet<>();
    for (ModelRun run : test) {
      if (!run.variant().equals(baseline)) {
        variants.add(run.variant());
      }
      fractions.add(run.fraction());
    }
    List<Comparison> out = new ArrayList<>();
    for (double fraction : fractions) {
      Map<Long, ModelRun> base = bySeed(test, baseline, fraction);
      if (base.isEmpty()) {
        continue;
      }
      for (ScoredTask reference : base.values().iterator().next().scores().tasks()) {
        Map<String, Map<Long, ModelRun>> paired = new LinkedHashMap<>();
        for (String variant : variants) {
          Map<Long, ModelRun> own = bySeed(test, variant, fraction);
          own.keySet().retainAll(base.keySet());
          own.values().removeIf(r -> headline(r, reference.task()).isEmpty());
          own.keySet().removeIf(s -> headline(base.get(s), reference.task()).isEmpty());
          if (!own.isEmpty()) {
            paired.put(variant, own);
          }
        }
        if (!paired.isEmpty()) {
          out.addAll(compareGroup(base, paired, fraction, reference, baseline, resamples, bootstrapSeed));
        }
      }
    }
    return out;
  }

  private static List<Comparison> compareGroup(Map<Long, ModelRun> base, Map<String, Map<Long, ModelRun>> paired,
      double fraction, ScoredTask reference, String baseline, int resamples, long bootstrapSeed) {
    TaskDef task = reference.task();
    ModelRun referenceRun = base.values().iterator().next();
    ExampleAlignment alignment = new ExampleAlignment(referenceRun.scores().exampleIds(), reference.labels());
    Map<ModelRun, double[]> resampled = new LinkedHashMap<>();
    for (Map<Long, ModelRun> runs : paired.values()) {
      for (Map.Entry<Long, ModelRun> e : runs.entrySet()) {
        resampled.putIfAbsent(base.get(e.getKey()), new double[resamples]);
        resampled.putIfAbsent(e.getValue(), new double[resamples]);
      }
    }
    List<ResampledMetric> metrics = new ArrayList<>();
    for (ModelRun run : resampled.keySet()) {
      metrics.add(ResampledMetric.of(task, alignment.align(run.scores(), task.name(), run.label())));
    }
    List<double[]> values = new ArrayList<>(resampled.values());
    SplittableRandom random = new SplittableRandom(bootstrapSeed);
    // draws are made in order, a block at a time, and the runs evaluate a block in parallel: the result
    // does not depend on the number of threads
    int[][] block = new int[Math.min(BLOCK, resamples)][alignment.size()];
    for (int start = 0; start < resamples; start += block.length) {
      int size = Math.min(block.length, resamples - start);
      for (int k = 0; k < size; k++) {
        alignment.draw(random, block[k]);
      }
      int first = start;
      IntStream.range(0, metrics.size()).parallel().forEach(m -> {
        for (int k = 0; k < size; k++) {
          values.get(m)[first + k] = metrics.get(m).evaluate(block[k]);
        }
      });
    }
    List<Comparison> out = new ArrayList<>();
    for (Map.Entry<String, Map<Long, ModelRun>> v : paired.entrySet()) {
      out.add(compare(v.getKey(), baseline, fraction, task, v.getValue(), base, resampled));
    }
    return out;
  }

  private static Comparison compare(String variant, String baseline, double fraction, TaskDef task,
      Map<Long, ModelRun> runs, Map<Long, ModelRun> base, Map<ModelRun, double[]> resampled) {
    int n = runs.size();
    double[] variantPoint = new double[n];
    double[] basePoint = new double[n];
    double[] differences = new double[n];
    int resamples = resampled.values().iterator().next().length;
    double[] bootstrap = new double[resamples];
    int i = 0;
    for (Map.Entry<Long, ModelRun> e : runs.entrySet()) {
      ModelRun b = base.get(e.getKey());
      variantPoint[i] = headline(e.getValue(), task).orElseThrow();
      basePoint[i] = headline(b, task).orElseThrow();
      differences[i] = variantPoint[i] - basePoint[i];
      double[] vs = resampled.get(e.getValue());
      double[] bs = resampled.get(b);
      for (int r = 0; r < resamples; r++) {
        bootstrap[r] += (vs[r] - bs[r]) / n;
      }
      i++;
    }
    double mean = SeedSummary.mean(differences);
    double std = n < 2 ? Double.NaN : SeedSummary.std(differences);
    OptionalDouble p = pValue(variantPoint, basePoint);
    double[] ci = interval(bootstrap);
    boolean excludesZero = ci[0] > 0 || ci[1] < 0;
    boolean significant = excludesZero && (p.isEmpty() || p.getAsDouble() < ALPHA);
    String metric = TaskMetrics.headlineName(task.kind());
    List<Long> seeds = List.copyOf(runs.keySet());
    String verdict = VerdictText.of(variant, baseline, task, fraction, mean, n, p, ci, significant, std);
    return new Comparison(variant, baseline, fraction, task.name(), metric, mean, std, seeds, p, ci[0], ci[1],
        significant, verdict);
  }

  private static OptionalDouble pValue(double[] variant, double[] base) {
    if (variant.length < 2) {
      return OptionalDouble.empty();
    }
    double p = new TTest().pairedTTest(variant, base);
    return Double.isNaN(p) ? OptionalDouble.empty() : OptionalDouble.of(p);
  }

  private static double[] interval(double[] bootstrap) {
    double[] finite = Arrays.stream(bootstrap).filter(Double::isFinite).toArray();
    if (finite.length == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    Percentile percentile = new Percentile();
    percentile.setData(finite);
    return new double[] {percentile.evaluate(2.5), percentile.evaluate(97.5)};
  }

  private static Map<Long, ModelRun> bySeed(List<ModelRun> test, String variant, double fraction) {
    Map<Long, ModelRun> out = new TreeMap<>();
    for (ModelRun run : test) {
      if (run.variant().equals(variant) && run.fraction() == fraction && out.put(run.seed(), run) != null) {
        throw new IllegalArgumentException("two test runs of " + run.label());
      }
    }
    return out;
  }

  private static OptionalDouble headline(ModelRun run, TaskDef task) {
    return Optional.ofNullable(run.metrics().get(task.name())).map(TaskMetrics::headline).orElse(OptionalDouble.empty());
  }
}
