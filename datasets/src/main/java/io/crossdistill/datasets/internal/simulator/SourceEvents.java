package io.crossdistill.datasets.internal.simulator;

import static io.crossdistill.datasets.internal.simulator.SimulatedWorld.sigmoid;

import io.crossdistill.datasets.internal.DeterministicRandom;
import io.crossdistill.datasets.internal.ExampleBuilder;
import io.crossdistill.v1.Example;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Generates video events: one seeded random stream per event index, so events are independent of each other. */
final class SourceEvents {

  static final double BIAS = -0.6;
  static final double DEFAULT_MINUTES = 8.0;
  private static final double[] DEVICE_BIAS = {0.2, 0.0, -0.2, -0.4};
  private static final double[] QUALITY_BIAS = {-0.3, 0.0, 0.2};

  private final SimulatedWorld world;
  private final Set<SourceOnlyFeature> on;
  private final double labelNoise;

  SourceEvents(SimulatedWorld world, List<SourceOnlyFeature> sourceOnly) {
    this.world = world;
    this.on = sourceOnly.isEmpty() ? EnumSet.noneOf(SourceOnlyFeature.class) : EnumSet.copyOf(sourceOnly);
    this.labelNoise = world.config().labelNoise();
  }

  Example event(long index, ExampleBuilder example) {
    DeterministicRandom rng = world.stream(SimulatedWorld.Salt.SOURCE_EVENT, index);
    Users users = world.users;
    SourceItems items = world.sourceItems;
    int u = users.sourceSampler.sample(rng);
    int i = items.sampler.sample(rng);
    int concept = items.concept[i];
    double preference = users.genrePreference[u][concept];
    // per-event draws happen whether or not their feature is switched on, so the knob changes nothing else
    boolean subscribed = rng.bernoulli(sigmoid(1.5 * preference - 1.5));
    int device = rng.nextInt(SourceOnlyFeature.DEVICES);
    boolean autoplay = rng.bernoulli(0.3);

    double score = world.affinity(users.taste[u], items.factors[i], preference, items.popularity[i]) + BIAS;
    score += on(SourceOnlyFeature.VIDEO_DURATION)
        * -0.3 * (items.logDuration[i] - SimulatedWorld.MEAN_LOG_DURATION) / SimulatedWorld.LOG_DURATION_SD;
    score += on(SourceOnlyFeature.CHANNEL_ID) * world.channelQuality[items.channel[i]];
    score += on(SourceOnlyFeature.WATCH_HISTORY_LEN) * 0.4 * users.engagement[u];
    score += on(SourceOnlyFeature.IS_SUBSCRIBED) * (subscribed ? 0.8 : 0.0);
    score += on(SourceOnlyFeature.VIDEO_AGE_DAYS) * -0.25 * (items.logAgeDays[i] - SimulatedWorld.MEAN_LOG_AGE);
    score += on(SourceOnlyFeature.DEVICE_TYPE) * DEVICE_BIAS[device];
    score += on(SourceOnlyFeature.AUTOPLAY) * (autoplay ? 0.4 : 0.0);
    score += on(SourceOnlyFeature.UPLOAD_QUALITY) * QUALITY_BIAS[items.quality[i]];

    boolean click = rng.bernoulli(sigmoid(score));
    boolean like = click && rng.bernoulli(sigmoid(1.2 * score - 1.0));
    double minutes = on(SourceOnlyFeature.VIDEO_DURATION) > 0 ? StrictMath.exp(items.logDuration[i]) : DEFAULT_MINUTES;
    double watched = minutes * sigmoid(score + rng.nextGaussian(0, 0.5));
    double watchNoise = rng.nextGaussian(0, labelNoise * minutes);
    double continueLogit = 0.8 * score + 0.5 * users.logActivity[u] - 0.5
        + (on(SourceOnlyFeature.AUTOPLAY) > 0 && autoplay ? 0.8 : 0.0);
    boolean keepWatching = click && rng.bernoulli(sigmoid(continueLogit));

    example.idFeature(SimulatorSchemas.USER_ID, u)
        .idFeature(SimulatorSchemas.ITEM_ID, i)
        .idFeature(SimulatorSchemas.GENRE, world.videoGenreOf(concept))
        .floatFeature(SimulatorSchemas.POPULARITY, items.popularity[i])
        .floatFeature(SimulatorSchemas.USER_ACTIVITY, users.logActivity[u])
        .label(SimulatorSchemas.CLICK, flip(rng, click))
        .label(SimulatorSchemas.LIKE, flip(rng, like))
        .label(SimulatorSchemas.WATCH_TIME, click ? Math.max(0.0, watched + watchNoise) : 0.0)
        .label(SimulatorSchemas.CONTINUE_WATCHING, flip(rng, keepWatching));
    for (SourceOnlyFeature f : on) {
      switch (f) {
        case VIDEO_DURATION -> example.floatFeature(f.featureName(), items.logDuration[i]);
        case CHANNEL_ID -> example.idFeature(f.featureName(), items.channel[i]);
        case WATCH_HISTORY_LEN -> example.floatFeature(f.featureName(),
            StrictMath.log1p(StrictMath.rint(StrictMath.exp(3.0 + 0.8 * users.engagement[u]))));
        case IS_SUBSCRIBED -> example.floatFeature(f.featureName(), subscribed ? 1.0 : 0.0);
        case VIDEO_AGE_DAYS -> example.floatFeature(f.featureName(),
            StrictMath.log1p(StrictMath.exp(items.logAgeDays[i])));
        case DEVICE_TYPE -> example.idFeature(f.featureName(), device);
        case AUTOPLAY -> example.floatFeature(f.featureName(), autoplay ? 1.0 : 0.0);
        case UPLOAD_QUALITY -> example.idFeature(f.featureName(), items.quality[i]);
        default -> throw new IllegalStateException("unhandled feature " + f);
      }
    }
    return example.build();
  }

  private double on(SourceOnlyFeature f) {
    return on.contains(f) ? 1.0 : 0.0;
  }

  private boolean flip(DeterministicRandom rng, boolean label) {
    return rng.bernoulli(labelNoise) != label;
  }
}
