package io.crossdistill.student;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Whether one variant beats the baseline (normally {@value ModelRun#CONTROL}) at one share of target
 * data, on one task's headline metric (AUC or R²), over the seeds both were trained with. Two tests are
 * combined: a paired t-test across seeds (is the gain larger than the seed-to-seed noise of training?)
 * and a paired bootstrap over test examples (is it larger than the noise of a finite test set?). The
 * comparison is significant when p &lt; 0.05 and the 95% interval excludes 0; with one seed, or a
 * difference identical on every seed, the t-test is undefined and the interval decides alone.
 *
 * @param variant the variant compared
 * @param baseline the variant it is compared with
 * @param fraction the share of target training data both used
 * @param task the task name
 * @param metric the metric's JSON name, "auc" or "r2"
 * @param meanDifference mean over the paired seeds of variant − baseline, in metric units
 * @param std sample standard deviation of the per-seed differences; NaN with one seed
 * @param seeds the paired seeds, ascending
 * @param pValue the two-sided paired t-test p-value, when defined
 * @param ciLow lower end of the 95% paired bootstrap interval of the difference (NaN if undefined)
 * @param ciHigh upper end of that interval (NaN if undefined)
 * @param significant whether both tests say so (the interval alone when the t-test is undefined)
 * @param verdict the result in one sentence
 */
public record Comparison(String variant, String baseline, double fraction, String task, String metric,
    double meanDifference, double std, List<Long> seeds, OptionalDouble pValue, double ciLow, double ciHigh,
    boolean significant, String verdict) {

  /** Validates and copies. */
  public Comparison {
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(pValue, "pValue");
    Objects.requireNonNull(verdict, "verdict");
    seeds = List.copyOf(seeds);
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("a comparison needs at least one paired seed");
    }
  }

  /** Whether the bootstrap interval lies entirely on one side of 0. */
  public boolean intervalExcludesZero() {
    return ciLow > 0 || ciHigh < 0;
  }
}
