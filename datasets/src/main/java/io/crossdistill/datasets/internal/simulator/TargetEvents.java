package io.crossdistill.datasets.internal.simulator;

import static io.crossdistill.datasets.internal.simulator.SimulatedWorld.sigmoid;

import io.crossdistill.datasets.internal.DeterministicRandom;
import io.crossdistill.datasets.internal.ExampleBuilder;
import io.crossdistill.v1.Example;

/** Generates music events: one seeded random stream per event index. */
final class TargetEvents {

  static final double BIAS = -0.9;
  static final double TRACK_MINUTES = 3.5;

  private final SimulatedWorld world;
  private final double labelNoise;

  TargetEvents(SimulatedWorld world) {
    this.world = world;
    this.labelNoise = world.config().labelNoise();
  }

  Example event(long index, ExampleBuilder example) {
    DeterministicRandom rng = world.stream(SimulatedWorld.Salt.TARGET_EVENT, index);
    Users users = world.users;
    TargetItems items = world.targetItems;
    int u = users.targetSampler.sample(rng);
    int j = items.sampler.sample(rng);
    double score = world.targetAffinity(u, j) + BIAS;

    boolean click = rng.bernoulli(sigmoid(score));
    boolean like = click && rng.bernoulli(sigmoid(1.2 * score - 1.0));
    double listened = TRACK_MINUTES * sigmoid(score + rng.nextGaussian(0, 0.5));
    double listenNoise = rng.nextGaussian(0, labelNoise * TRACK_MINUTES);
    // novelty seekers discover unpopular tracks: the sign of popularity is the reverse of its effect on clicks
    boolean discovery = click && rng.bernoulli(sigmoid(1.5 * users.discovery[u] * -items.popularity[j] - 0.5));

    return example.idFeature(SimulatorSchemas.USER_ID, u)
        .idFeature(SimulatorSchemas.ITEM_ID, j)
        .idFeature(SimulatorSchemas.GENRE, items.concept[j])
        .floatFeature(SimulatorSchemas.POPULARITY, items.popularity[j])
        .floatFeature(SimulatorSchemas.USER_ACTIVITY, users.logActivity[u])
        .label(SimulatorSchemas.CLICK, flip(rng, click))
        .label(SimulatorSchemas.LIKE, flip(rng, like))
        .label(SimulatorSchemas.LISTEN_TIME, click ? Math.max(0.0, listened + listenNoise) : 0.0)
        .label(SimulatorSchemas.DISCOVERY, flip(rng, discovery))
        .build();
  }

  private boolean flip(DeterministicRandom rng, boolean label) {
    return rng.bernoulli(labelNoise) != label;
  }
}
