package io.crossdistill.datasets.internal.simulator;

import io.crossdistill.datasets.SimulatorConfig;
import io.crossdistill.datasets.internal.DeterministicRandom;

/** The simulated videos: genre concept, latent factors, popularity and the video-only attributes. */
final class SourceItems {

  final int[] concept;
  final double[][] factors;
  final double[] popularity;
  final double[] logDuration;
  final int[] channel;
  final double[] logAgeDays;
  final int[] quality;
  final WeightedSampler sampler;

  SourceItems(SimulatedWorld world) {
    SimulatorConfig config = world.config();
    int n = config.sourceItems();
    concept = new int[n];
    factors = new double[n][];
    popularity = new double[n];
    logDuration = new double[n];
    channel = new int[n];
    logAgeDays = new double[n];
    quality = new int[n];
    int[] ids = new int[n];
    double[] weights = new double[n];
    for (int i = 0; i < n; i++) {
      DeterministicRandom rng = world.stream(SimulatedWorld.Salt.SOURCE_ITEM, i);
      concept[i] = rng.nextInt(config.genres());
      factors[i] = ItemFactors.draw(world, rng, concept[i]);
      popularity[i] = rng.nextGaussian();
      logDuration[i] = rng.nextGaussian(SimulatedWorld.MEAN_LOG_DURATION, SimulatedWorld.LOG_DURATION_SD);
      channel[i] = rng.nextInt(world.channels());
      logAgeDays[i] = rng.nextGaussian(SimulatedWorld.MEAN_LOG_AGE, 1.0);
      quality[i] = rng.nextInt(SourceOnlyFeature.QUALITY_TIERS);
      ids[i] = i;
      weights[i] = StrictMath.exp(SimulatedWorld.POPULARITY_SAMPLING * popularity[i]);
    }
    sampler = new WeightedSampler(ids, weights);
  }
}
