package io.crossdistill.datasets.internal.simulator;

import io.crossdistill.datasets.SimulatorConfig;
import io.crossdistill.datasets.internal.DeterministicRandom;
import java.util.Arrays;

/**
 * The simulated users: tastes in both domains, genre preferences, activity, engagement, discovery
 * propensity, and which app(s) each one uses. Stored as parallel arrays indexed by user id.
 */
final class Users {

  final double[][] taste;
  final double[][] targetTaste;
  final double[][] genrePreference;
  final double[] logActivity;
  final double[] engagement;
  final double[] discovery;
  final boolean[] inSource;
  final boolean[] inTarget;
  final WeightedSampler sourceSampler;
  final WeightedSampler targetSampler;

  Users(SimulatedWorld world) {
    SimulatorConfig config = world.config();
    int n = config.users();
    int d = config.latentDim();
    taste = new double[n][];
    targetTaste = new double[n][];
    genrePreference = new double[n][];
    logActivity = new double[n];
    engagement = new double[n];
    discovery = new double[n];
    double norm = StrictMath.sqrt(1 + config.tasteShift() * config.tasteShift());
    for (int u = 0; u < n; u++) {
      DeterministicRandom rng = world.stream(SimulatedWorld.Salt.USER, u);
      taste[u] = SimulatedWorld.gaussianVector(rng, d, 1.0);
      double[] shift = SimulatedWorld.gaussianVector(rng, d, 1.0);
      targetTaste[u] = new double[d];
      for (int k = 0; k < d; k++) {
        // same variance as the video taste, correlation 1 / sqrt(1 + shift^2) with it
        targetTaste[u][k] = (taste[u][k] + config.tasteShift() * shift[k]) / norm;
      }
      genrePreference[u] = SimulatedWorld.gaussianVector(rng, config.genres(), SimulatedWorld.GENRE_PREF_SD);
      logActivity[u] = rng.nextGaussian(0, SimulatedWorld.ACTIVITY_SD);
      engagement[u] = rng.nextGaussian();
      discovery[u] = rng.nextGaussian();
    }
    inSource = new boolean[n];
    inTarget = new boolean[n];
    int[] order = SimulatedWorld.permutation(n, world.stream(SimulatedWorld.Salt.MEMBERSHIP, 0));
    int targetUsers = config.targetUsers();
    int overlap = config.overlapUsers();
    for (int k = 0; k < n; k++) {
      inTarget[order[k]] = k < targetUsers;
      inSource[order[k]] = k < overlap || k >= targetUsers;
    }
    sourceSampler = sampler(inSource);
    targetSampler = sampler(inTarget);
  }

  private WeightedSampler sampler(boolean[] member) {
    int[] ids = new int[member.length];
    double[] weights = new double[member.length];
    int m = 0;
    for (int u = 0; u < member.length; u++) {
      if (member[u]) {
        ids[m] = u;
        weights[m] = StrictMath.exp(logActivity[u]);
        m++;
      }
    }
    return new WeightedSampler(Arrays.copyOf(ids, m), Arrays.copyOf(weights, m));
  }
}
