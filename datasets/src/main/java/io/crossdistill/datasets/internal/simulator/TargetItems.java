package io.crossdistill.datasets.internal.simulator;

import io.crossdistill.datasets.SimulatorConfig;
import io.crossdistill.datasets.internal.DeterministicRandom;

/** The simulated music tracks: genre concept, latent factors and popularity. */
final class TargetItems {

  final int[] concept;
  final double[][] factors;
  final double[] popularity;
  final WeightedSampler sampler;

  TargetItems(SimulatedWorld world) {
    SimulatorConfig config = world.config();
    int n = config.targetItems();
    concept = new int[n];
    factors = new double[n][];
    popularity = new double[n];
    int[] ids = new int[n];
    double[] weights = new double[n];
    for (int j = 0; j < n; j++) {
      DeterministicRandom rng = world.stream(SimulatedWorld.Salt.TARGET_ITEM, j);
      concept[j] = rng.nextInt(config.genres());
      factors[j] = ItemFactors.draw(world, rng, concept[j]);
      popularity[j] = rng.nextGaussian();
      ids[j] = j;
      weights[j] = StrictMath.exp(SimulatedWorld.POPULARITY_SAMPLING * popularity[j]);
    }
    sampler = new WeightedSampler(ids, weights);
  }
}
