package io.crossdistill.student;

import io.crossdistill.student.internal.report.PairedComparisons;
import java.util.List;

/**
 * Compares every variant with a baseline on the test split: one {@link Comparison} per (variant,
 * fraction, task) for which both have test runs with a seed in common. The bootstrap draws the same
 * resamples of test examples for both models of a pair and is seeded, so the results are reproducible.
 */
public final class Comparisons {

  /** Bootstrap resamples unless told otherwise. */
  public static final int DEFAULT_RESAMPLES = 1000;
  /** Seed of the bootstrap's random draws unless told otherwise. */
  public static final long DEFAULT_BOOTSTRAP_SEED = 20_240_611L;

  private Comparisons() {
  }

  /** Every comparison against {@code baseline}, with 1,000 resamples and the default seed. */
  public static List<Comparison> all(List<ModelRun> runs, String baseline) {
    return all(runs, baseline, DEFAULT_RESAMPLES, DEFAULT_BOOTSTRAP_SEED);
  }

  /**
   * Every comparison against {@code baseline}, ordered by fraction, then variant (in order of first
   * appearance in {@code runs}), then task.
   *
   * @throws IllegalArgumentException when paired runs do not score the same test examples
   */
  public static List<Comparison> all(List<ModelRun> runs, String baseline, int resamples, long bootstrapSeed) {
    if (resamples < 10) {
      throw new IllegalArgumentException("at least 10 bootstrap resamples are needed, got " + resamples);
    }
    return PairedComparisons.compute(runs, baseline, resamples, bootstrapSeed);
  }
}
