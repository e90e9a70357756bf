package io.crossdistill.datasets.internal.simulator;

import io.crossdistill.datasets.RatingsWorldConfig;
import io.crossdistill.datasets.internal.DeterministicRandom;
import io.crossdistill.datasets.internal.SeededHash;
import java.util.BitSet;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * One domain of the ratings world: every user's taste, bias and number of rows in it, and its items'
 * vectors, biases and popularity. The part of a user that both domains share is drawn from a stream
 * that does not depend on the domain, so each domain is drawn on its own and still agrees with the
 * other. Rows are drawn per user from the user's own stream, so a pass over them can be repeated.
 */
final class RatingsDomain {

  static final double USER_BIAS_SD = 0.7;
  static final double ITEM_BIAS_SD = 0.5;
  static final double TASTE_SCALE = 1.0;
  static final double ACTIVITY_SD = 1.2;
  /** Share of the variance of log activity common to both domains. */
  static final double SHARED_ACTIVITY = 0.7;
  static final double POPULARITY_SD = 1.2;
  /** Correlation of an item's log popularity with its quality (bias). */
  static final double POPULARITY_QUALITY = 0.5;

  /** One rating before the rating scale is applied. */
  interface RowConsumer {
    void accept(int user, int item, double score, boolean firstOfUser, DeterministicRandom userStream);
  }

  /** Names of the independent random streams. Append only: reordering changes every data set. */
  enum Salt {
    USER_SHARED, USER_SOURCE, USER_TARGET, ITEM_SOURCE, ITEM_TARGET, ROWS_SOURCE, ROWS_TARGET
  }

  private final long seed;
  private final boolean target;
  private final double[][] taste;
  private final double[] userBias;
  private final int[] rows;
  private final double[][] itemVector;
  private final double[] itemBias;
  private final WeightedSampler items;
  private final double noise;

  RatingsDomain(RatingsWorldConfig config, boolean target) {
    this.seed = config.seed();
    this.target = target;
    this.noise = config.noise();
    int n = config.users();
    int d = config.latentDim();
    double shared = StrictMath.sqrt(config.sharedTaste());
    double own = StrictMath.sqrt(1 - config.sharedTaste());
    double sharedActivity = StrictMath.sqrt(SHARED_ACTIVITY);
    double ownActivity = StrictMath.sqrt(1 - SHARED_ACTIVITY);
    taste = new double[n][d];
    userBias = new double[n];
    double[] activity = new double[n];
    for (int u = 0; u < n; u++) {
      DeterministicRandom common = stream(Salt.USER_SHARED, u);
      DeterministicRandom mine = stream(target ? Salt.USER_TARGET : Salt.USER_SOURCE, u);
      for (int k = 0; k < d; k++) {
        taste[u][k] = shared * common.nextGaussian() + own * mine.nextGaussian();
      }
      userBias[u] = USER_BIAS_SD * (shared * common.nextGaussian() + own * mine.nextGaussian());
      activity[u] = StrictMath.exp(ACTIVITY_SD * (sharedActivity * common.nextGaussian()
          + ownActivity * mine.nextGaussian()));
    }
    int itemCount = target ? config.targetItems() : config.sourceItems();
    itemVector = new double[itemCount][];
    itemBias = new double[itemCount];
    double[] popularity = new double[itemCount];
    double itemSd = 1 / StrictMath.sqrt(d); // so that <taste, item> has variance about 1
    for (int i = 0; i < itemCount; i++) {
      DeterministicRandom rng = stream(target ? Salt.ITEM_TARGET : Salt.ITEM_SOURCE, i);
      itemVector[i] = SimulatedWorld.gaussianVector(rng, d, itemSd);
      double quality = rng.nextGaussian();
      itemBias[i] = ITEM_BIAS_SD * quality;
      popularity[i] = StrictMath.exp(POPULARITY_SD * (POPULARITY_QUALITY * quality
          + StrictMath.sqrt(1 - POPULARITY_QUALITY * POPULARITY_QUALITY) * rng.nextGaussian()));
    }
    items = new WeightedSampler(IntStream.range(0, itemCount).toArray(), popularity);
    rows = allocate(target ? config.targetRows() : config.sourceRows(), activity,
        RatingsWorldConfig.MIN_ROWS_PER_USER, RatingsWorldConfig.maxRowsPerUser(itemCount));
  }

  int users() {
    return rows.length;
  }

  /** Rows of user {@code u} in this domain. */
  int rows(int u) {
    return rows[u];
  }

  /**
   * Calls {@code action} for every row of the domain, user by user; each user rates distinct items,
   * drawn by popularity. The same world gives the same rows in the same order on every call.
   */
  void forEachRow(RowConsumer action) {
    for (int u = 0; u < rows.length; u++) {
      DeterministicRandom rng = stream(target ? Salt.ROWS_TARGET : Salt.ROWS_SOURCE, u);
      BitSet seen = new BitSet(itemVector.length);
      for (int r = 0; r < rows[u]; r++) {
        int item = distinctItem(rng, seen);
        double score = userBias[u] + itemBias[item]
            + TASTE_SCALE * SimulatedWorld.dot(taste[u], itemVector[item]) + noise * rng.nextGaussian();
        action.accept(u, item, score, r == 0, rng);
      }
    }
  }

  private int distinctItem(DeterministicRandom rng, BitSet seen) {
    // a user holds at most a quarter of the items, so popularity draws seldom repeat; the scan bounds the worst case
    for (int attempt = 0; attempt < 64; attempt++) {
      int item = items.sample(rng);
      if (!seen.get(item)) {
        seen.set(item);
        return item;
      }
    }
    int item = seen.nextClearBit(rng.nextInt(itemVector.length));
    item = item < itemVector.length ? item : seen.nextClearBit(0);
    seen.set(item);
    return item;
  }

  private DeterministicRandom stream(Salt salt, long index) {
    return new DeterministicRandom(SeededHash.of(seed, "ratings-world", salt.name(), Long.toString(index)));
  }

  /**
   * Splits {@code total} rows over users in proportion to {@code weight}, each user getting between
   * {@code min} and {@code max}: users whose share exceeds {@code max} are capped and the rest is shared
   * again among the others; the rounding remainder goes to the largest fractional parts.
   */
  static int[] allocate(int total, double[] weight, int min, int max) {
    int n = weight.length;
    int[] count = new int[n];
    boolean[] capped = new boolean[n];
    long remaining = total;
    int active = n;
    double[] exact = new double[n];
    boolean cappedSome = true;
    while (cappedSome) {
      cappedSome = false;
      double sum = 0;
      for (int u = 0; u < n; u++) {
        sum += capped[u] ? 0 : weight[u];
      }
      long extra = remaining - (long) active * min;
      for (int u = 0; u < n; u++) {
        if (!capped[u]) {
          exact[u] = min + extra * weight[u] / sum;
          if (exact[u] > max) {
            capped[u] = true;
            count[u] = max;
            remaining -= max;
            active--;
            cappedSome = true;
          }
        }
      }
    }
    long given = 0;
    for (int u = 0; u < n; u++) {
      if (!capped[u]) {
        count[u] = (int) Math.floor(exact[u]);
      }
      given += count[u];
    }
    int[] byRemainder = IntStream.range(0, n).filter(u -> !capped[u]).boxed()
        .sorted(Comparator.comparingDouble((Integer u) -> count[u] - exact[u]).thenComparing(u -> u))
        .mapToInt(Integer::intValue).toArray();
    for (int k = 0; given < total; k++, given++) {
      count[byRemainder[k]]++;
    }
    return count;
  }
}
