package io.crossdistill.datasets.internal.simulator;

import io.crossdistill.datasets.internal.DeterministicRandom;

/** Item latent factors: the genre concept's centroid plus an item-specific Gaussian residual. */
final class ItemFactors {

  private ItemFactors() {
  }

  static double[] draw(SimulatedWorld world, DeterministicRandom rng, int concept) {
    double[] centroid = world.centroid(concept);
    double[] q = new double[centroid.length];
    for (int k = 0; k < q.length; k++) {
      q[k] = centroid[k] + SimulatedWorld.ITEM_RESIDUAL_SD * rng.nextGaussian();
    }
    return q;
  }
}
