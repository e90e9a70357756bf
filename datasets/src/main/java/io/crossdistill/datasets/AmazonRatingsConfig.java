package io.crossdistill.datasets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings of {@link AmazonRatingsLoader}. Build with {@link #builder(Path)}: the data directory is
 * required, everything else has a default. Every invalid setting is reported at once.
 *
 * @param dataDir a directory in the amazon-movie-music layout (see {@code docs/data.md})
 * @param trainFraction share of {@code music.train.rating} kept as target training rows, in (0, 1];
 *     the benchmark protocol uses 0.1 and 1.0
 * @param seed seed of the target training sample (one per reported run)
 * @param sourceValidFraction share of movie rows held out for the teacher's early stopping, in [0, 1)
 * @param sourceSplitSeed seed of the movie train/valid split; separate from {@code seed} so that one
 *     teacher serves students of every seed
 * @param priorCount weight, in pseudo-ratings at the global mean, of the shrinkage applied to user and
 *     item mean ratings; 0 turns shrinkage off
 */
public record AmazonRatingsConfig(
    Path dataDir, double trainFraction, long seed, double sourceValidFraction, long sourceSplitSeed, double priorCount) {

  /** Default {@link #trainFraction()}: all of music train. */
  public static final double DEFAULT_TRAIN_FRACTION = 1.0;
  /** Default {@link #sourceValidFraction()}. */
  public static final double DEFAULT_SOURCE_VALID_FRACTION = 0.1;
  /** Default {@link #priorCount()}. */
  public static final double DEFAULT_PRIOR_COUNT = 5.0;

  /** Validates every setting and reports all problems together. */
  public AmazonRatingsConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    List<String> problems = new ArrayList<>();
    if (!(trainFraction > 0 && trainFraction <= 1)) {
      problems.add("trainFraction must be in (0, 1], got " + trainFraction);
    }
    if (!(sourceValidFraction >= 0 && sourceValidFraction < 1)) {
      problems.add("sourceValidFraction must be in [0, 1), got " + sourceValidFraction);
    }
    if (!(priorCount >= 0 && Double.isFinite(priorCount))) {
      problems.add("priorCount must be a finite number >= 0, got " + priorCount);
    }
    if (!problems.isEmpty()) {
      throw new DatasetException(problems);
    }
  }

  /** A builder reading the given directory, with defaults for everything else. */
  public static Builder builder(Path dataDir) {
    return new Builder(dataDir);
  }

  /** Builds an {@link AmazonRatingsConfig}; setters named {@code opt…} are optional. */
  public static final class Builder {
    private final Path dataDir;
    private double trainFraction = DEFAULT_TRAIN_FRACTION;
    private long seed = 1;
    private double sourceValidFraction = DEFAULT_SOURCE_VALID_FRACTION;
    private long sourceSplitSeed = 1;
    private double priorCount = DEFAULT_PRIOR_COUNT;

    private Builder(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    }

    /** Share of music train kept for the target training split. */
    public Builder optTrainFraction(double trainFraction) {
      this.trainFraction = trainFraction;
      return this;
    }

    /** Seed of the target training sample. */
    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Share of movie rows held out as source validation rows. */
    public Builder optSourceValidFraction(double sourceValidFraction) {
      this.sourceValidFraction = sourceValidFraction;
      return this;
    }

    /** Seed of the movie train/valid split. */
    public Builder optSourceSplitSeed(long sourceSplitSeed) {
      this.sourceSplitSeed = sourceSplitSeed;
      return this;
    }

    /** Prior count of the shrinkage of mean ratings toward the global mean. */
    public Builder optPriorCount(double priorCount) {
      this.priorCount = priorCount;
      return this;
    }

    /** The validated configuration. */
    public AmazonRatingsConfig build() {
      return new AmazonRatingsConfig(dataDir, trainFraction, seed, sourceValidFraction, sourceSplitSeed, priorCount);
    }
  }
}
