package io.crossdistill.datasets;

import java.util.ArrayList;
import java.util.List;

/**
 * Settings of {@link RatingsWorld}, the simulated cross-domain world written in the ratings layout.
 * Build with {@link #builder()}; every knob has a default near the size of the amazon-movie-music
 * data (see {@code docs/simulator.md}). Every invalid setting is reported at once.
 *
 * @param seed seed of everything random; same settings, same bytes
 * @param users number of users; every one rates in both domains
 * @param sourceItems number of source (movie, domain 1) items
 * @param targetItems number of target (music, domain 0) items
 * @param sourceRows number of source rows (all go to the {@code music_movie.*} files)
 * @param targetRows number of target rows (train + valid + test)
 * @param latentDim dimension of user taste and item vectors
 * @param sharedTaste share of the variance of a user's taste vector and bias common to both domains, in
 *     [0, 1]: 1 = the same taste in both domains, 0 = unrelated tastes
 * @param noise standard deviation of the per-rating noise, relative to the taste signal (about 1)
 * @param validFraction share of target rows in {@code music.valid.rating}
 * @param testFraction share of target rows in {@code music.test.rating}
 */
public record RatingsWorldConfig(
    long seed,
    int users,
    int sourceItems,
    int targetItems,
    int sourceRows,
    int targetRows,
    int latentDim,
    double sharedTaste,
    double noise,
    double validFraction,
    double testFraction) {

  /** Fewest rows a user has in each domain (the amazon-movie-music data was filtered the same way). */
  public static final int MIN_ROWS_PER_USER = 10;
  /** Most rows a user may have in a domain, as a share of that domain's items (rows are distinct items). */
  public static final double MAX_ITEM_SHARE_PER_USER = 0.25;

  /** Validates every setting and reports all problems together. */
  public RatingsWorldConfig {
    List<String> problems = new ArrayList<>();
    atLeast(problems, "users", users, 1);
    atLeast(problems, "sourceItems", sourceItems, 4 * MIN_ROWS_PER_USER);
    atLeast(problems, "targetItems", targetItems, 4 * MIN_ROWS_PER_USER);
    atLeast(problems, "latentDim", latentDim, 1);
    if (!(sharedTaste >= 0 && sharedTaste <= 1)) {
      problems.add("sharedTaste must be in [0, 1], got " + sharedTaste);
    }
    if (!(noise >= 0 && noise <= 10)) {
      problems.add("noise must be in [0, 10], got " + noise);
    }
    if (!(validFraction > 0 && validFraction < 1)) {
      problems.add("validFraction must be in (0, 1), got " + validFraction);
    }
    if (!(testFraction > 0 && testFraction < 1)) {
      problems.add("testFraction must be in (0, 1), got " + testFraction);
    }
    if (validFraction + testFraction >= 1) {
      problems.add("validFraction + testFraction must be < 1, got " + (validFraction + testFraction));
    }
    if (users >= 1) {
      rowsFit(problems, "sourceRows", sourceRows, users, sourceItems);
      rowsFit(problems, "targetRows", targetRows, users, targetItems);
    }
    if (!problems.isEmpty()) {
      throw new DatasetException(problems);
    }
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The defaults. */
  public static RatingsWorldConfig defaults() {
    return builder().build();
  }

  /** Most rows one user may have among {@code items} items. */
  public static int maxRowsPerUser(int items) {
    return (int) Math.floor(items * MAX_ITEM_SHARE_PER_USER);
  }

  private static void atLeast(List<String> problems, String name, int value, int min) {
    if (value < min) {
      problems.add(name + " must be >= " + min + ", got " + value);
    }
  }

  private static void rowsFit(List<String> problems, String name, int rows, int users, int items) {
    long min = (long) users * MIN_ROWS_PER_USER;
    long max = (long) users * maxRowsPerUser(items);
    if (rows < min) {
      problems.add(name + " must be >= users * " + MIN_ROWS_PER_USER + " = " + min + ", got " + rows);
    } else if (rows > max) {
      problems.add(name + " must be <= users * " + MAX_ITEM_SHARE_PER_USER + " * items = " + max + ", got " + rows
          + " (raise the items or lower the rows)");
    }
  }

  /** Builds a {@link RatingsWorldConfig}; starts from the defaults, every setter is optional. */
  public static final class Builder {
    private long seed = 42;
    private int users = 2000;
    private int sourceItems = 3000;
    private int targetItems = 4000;
    private int sourceRows = 130_000;
    private int targetRows = 90_000;
    private int latentDim = 8;
    private double sharedTaste = 0.6;
    private double noise = 0.7;
    private double validFraction = 0.15;
    private double testFraction = 0.19;

    private Builder() {
    }

    /** Seed of everything random. */
    public Builder optSeed(long v) {
      seed = v;
      return this;
    }

    /** Number of users. */
    public Builder optUsers(int v) {
      users = v;
      return this;
    }

    /** Number of source items. */
    public Builder optSourceItems(int v) {
      sourceItems = v;
      return this;
    }

    /** Number of target items. */
    public Builder optTargetItems(int v) {
      targetItems = v;
      return this;
    }

    /** Number of source rows. */
    public Builder optSourceRows(int v) {
      sourceRows = v;
      return this;
    }

    /** Number of target rows. */
    public Builder optTargetRows(int v) {
      targetRows = v;
      return this;
    }

    /** Latent dimension. */
    public Builder optLatentDim(int v) {
      latentDim = v;
      return this;
    }

    /** Share of taste common to both domains. */
    public Builder optSharedTaste(double v) {
      sharedTaste = v;
      return this;
    }

    /** Rating noise. */
    public Builder optNoise(double v) {
      noise = v;
      return this;
    }

    /** Validation share of target rows. */
    public Builder optValidFraction(double v) {
      validFraction = v;
      return this;
    }

    /** Test share of target rows. */
    public Builder optTestFraction(double v) {
      testFraction = v;
      return this;
    }

    /** The validated configuration. */
    public RatingsWorldConfig build() {
      return new RatingsWorldConfig(seed, users, sourceItems, targetItems, sourceRows, targetRows, latentDim,
          sharedTaste, noise, validFraction, testFraction);
    }
  }
}
