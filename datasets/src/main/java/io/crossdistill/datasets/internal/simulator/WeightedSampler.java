package io.crossdistill.datasets.internal.simulator;

import io.crossdistill.datasets.internal.DeterministicRandom;
import java.util.Arrays;

/** Draws indices {@code 0..n-1} with probability proportional to fixed weights (cumulative sums + binary search). */
final class WeightedSampler {

  private final double[] cumulative;
  private final int[] values;

  /** A sampler of {@code values[k]} with weight {@code weights[k]}. */
  WeightedSampler(int[] values, double[] weights) {
    if (values.length == 0 || values.length != weights.length) {
      throw new IllegalArgumentException("need one positive weight per value and at least one value");
    }
    this.values = values.clone();
    this.cumulative = new double[weights.length];
    double sum = 0;
    for (int k = 0; k < weights.length; k++) {
      sum += weights[k];
      cumulative[k] = sum;
    }
  }

  /** One draw. */
  int sample(DeterministicRandom rng) {
    double target = rng.nextDouble() * cumulative[cumulative.length - 1];
    int k = Arrays.binarySearch(cumulative, target);
    int index = k >= 0 ? k + 1 : -k - 1;
    return values[Math.min(index, values.length - 1)];
  }
}
