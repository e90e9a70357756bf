package io.crossdistill.datasets.internal.simulator;

import io.crossdistill.datasets.SimulatorConfig;
import io.crossdistill.datasets.internal.DeterministicRandom;
import io.crossdistill.datasets.internal.SeededHash;

/**
 * The latent world behind the simulator: users, genres, and the items of both domains, each drawn from
 * its own seeded stream so that, for one seed, the world does not depend on the number of events asked
 * for. See {@code docs/simulator.md} for the generative story; the constants here are its fixed numbers.
 */
public final class SimulatedWorld {

  static final double GENRE_PREF_SD = 0.7;
  static final double ACTIVITY_SD = 0.8;
  static final double ITEM_RESIDUAL_SD = 0.8;
  static final double LATENT_WEIGHT = 0.8;
  static final double POPULARITY_WEIGHT = 0.5;
  static final double POPULARITY_SAMPLING = 0.9;
  static final double MEAN_LOG_DURATION = StrictMath.log(8.0);
  static final double LOG_DURATION_SD = 0.6;
  static final double CHANNEL_QUALITY_SD = 0.6;
  static final double MEAN_LOG_AGE = 3.0;
  static final int ITEMS_PER_CHANNEL = 10;

  private final SimulatorConfig config;
  private final int[] genrePermutation;
  private final double[][] centroids;
  final Users users;
  final SourceItems sourceItems;
  final TargetItems targetItems;
  final double[] channelQuality;

  /** Draws the world of a configuration. */
  public SimulatedWorld(SimulatorConfig config) {
    this.config = config;
    this.genrePermutation = permutation(config.genres(), stream(Salt.GENRE_PERMUTATION, 0));
    this.centroids = new double[config.genres()][];
    for (int c = 0; c < config.genres(); c++) {
      centroids[c] = gaussianVector(stream(Salt.CENTROID, c), config.latentDim(), 1.0);
    }
    this.users = new Users(this);
    this.sourceItems = new SourceItems(this);
    this.targetItems = new TargetItems(this);
    this.channelQuality = new double[channels()];
    for (int ch = 0; ch < channelQuality.length; ch++) {
      channelQuality[ch] = stream(Salt.CHANNEL, ch).nextGaussian(0, CHANNEL_QUALITY_SD);
    }
  }

  /** The configuration. */
  public SimulatorConfig config() {
    return config;
  }

  /** Video genre id corresponding to music genre id {@code musicGenre} (both index the same concept). */
  public int videoGenreOf(int musicGenre) {
    return genrePermutation[musicGenre];
  }

  /** Number of video channels. */
  public int channels() {
    return Math.max(1, config.sourceItems() / ITEMS_PER_CHANNEL);
  }

  /** Latent centroid of a genre concept (shared by both domains). */
  double[] centroid(int concept) {
    return centroids[concept];
  }

  /**
   * The part of an event's score that both domains share in form: taste·factors, genre preference and
   * popularity. {@code taste} is the user's taste in the event's domain.
   */
  double affinity(double[] taste, double[] itemFactors, double genrePreference, double popularity) {
    return LATENT_WEIGHT * dot(taste, itemFactors) / StrictMath.sqrt(config.latentDim())
        + genrePreference + POPULARITY_WEIGHT * popularity;
  }

  /** Music affinity of user {@code u} for music item {@code j}, without noise or bias. */
  public double targetAffinity(int u, int j) {
    int concept = targetItems.concept[j];
    return affinity(users.targetTaste[u], targetItems.factors[j], users.genrePreference[u][concept],
        targetItems.popularity[j]);
  }

  /**
   * What a video model could know of the same event at best: the user's video taste against the genre
   * centroid (the music item's own factors are unknown to it), genre preference and popularity.
   */
  public double teacherViewAffinity(int u, int j) {
    int concept = targetItems.concept[j];
    return affinity(users.taste[u], centroids[concept], users.genrePreference[u][concept], targetItems.popularity[j]);
  }

  /** A random stream for one entity, independent of every other entity's stream. */
  DeterministicRandom stream(Salt salt, long index) {
    return new DeterministicRandom(SeededHash.of(config.seed(), salt.ordinal(), index));
  }

  static double[] gaussianVector(DeterministicRandom rng, int n, double sd) {
    double[] v = new double[n];
    for (int k = 0; k < n; k++) {
      v[k] = sd * rng.nextGaussian();
    }
    return v;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += a[k] * b[k];
    }
    return s;
  }

  static double sigmoid(double x) {
    return 1.0 / (1.0 + StrictMath.exp(-x));
  }

  /** A seeded Fisher–Yates permutation of {@code 0..n-1}. */
  static int[] permutation(int n, DeterministicRandom rng) {
    int[] p = new int[n];
    for (int k = 0; k < n; k++) {
      p[k] = k;
    }
    for (int k = n - 1; k > 0; k--) {
      int r = rng.nextInt(k + 1);
      int t = p[k];
      p[k] = p[r];
      p[r] = t;
    }
    return p;
  }

  /** Names of the independent random streams. Append only: reordering changes every data set. */
  enum Salt {
    GENRE_PERMUTATION, CENTROID, USER, MEMBERSHIP, SOURCE_ITEM, TARGET_ITEM, CHANNEL, SOURCE_EVENT, TARGET_EVENT
  }
}
