package io.crossdistill.datasets.internal.amazon;

import java.util.HashMap;
import java.util.Map;

/**
 * Rating statistics of the users and items of one domain, accumulated from that domain's training rows
 * only, and turned into leakage-free features.
 *
 * <p>The mean rating of a user (or item) is shrunk toward the global mean with a Bayesian average:
 * {@code mean = (sum + k * g) / (n + k)} where {@code n} and {@code sum} are the count and sum of the
 * entity's training ratings, {@code g} the global training mean and {@code k} the prior count. The count
 * feature is {@code log1p(n)}. A user or item without training rows gets {@code g} and count 0.
 *
 * <p>For a training row, its own rating is removed first (leave-one-out): from the entity's count and
 * sum and from the global mean, so no feature of a training row depends on that row's label.
 */
public final class RatingStats {

  /** Global mean when a domain has no training rows at all: the middle of the 1–5 scale. */
  static final double EMPTY_MEAN = 3.0;

  private final double priorCount;
  private final Map<String, Accumulator> users = new HashMap<>();
  private final Map<String, Accumulator> items = new HashMap<>();
  private double globalSum;
  private long globalCount;

  /** Empty statistics with the given shrinkage prior count. */
  public RatingStats(double priorCount) {
    this.priorCount = priorCount;
  }

  /** Adds one training rating. */
  public void add(String user, String item, double rating) {
    users.computeIfAbsent(user, k -> new Accumulator()).add(rating);
    items.computeIfAbsent(item, k -> new Accumulator()).add(rating);
    globalSum += rating;
    globalCount++;
  }

  /** Number of training ratings added. */
  public long count() {
    return globalCount;
  }

  /** Features of a row that is not a training row (validation, test, or a row left out of training). */
  public RowStats heldOut(String user, String item) {
    double global = globalMean(globalSum, globalCount);
    return new RowStats(
        smoothedMean(users.get(user), 0, 0, global), logCount(users.get(user), 0),
        smoothedMean(items.get(item), 0, 0, global), logCount(items.get(item), 0));
  }

  /** Features of a training row, with its own rating left out of every statistic. */
  public RowStats leaveOneOut(String user, String item, double ownRating) {
    double global = globalMean(globalSum - ownRating, globalCount - 1);
    return new RowStats(
        smoothedMean(users.get(user), ownRating, 1, global), logCount(users.get(user), 1),
        smoothedMean(items.get(item), ownRating, 1, global), logCount(items.get(item), 1));
  }

  private double smoothedMean(Accumulator acc, double removedSum, long removedCount, double global) {
    long n = acc == null ? 0 : acc.count - removedCount;
    double sum = acc == null ? 0 : acc.sum - removedSum;
    if (n <= 0 && priorCount == 0) {
      return global;
    }
    return (sum + priorCount * global) / (n + priorCount);
  }

  private static double logCount(Accumulator acc, long removedCount) {
    long n = acc == null ? 0 : acc.count - removedCount;
    return StrictMath.log1p(Math.max(0, n));
  }

  private static double globalMean(double sum, long count) {
    return count > 0 ? sum / count : EMPTY_MEAN;
  }

  /** The four statistic features of one row. */
  public record RowStats(double userMean, double userCount, double itemMean, double itemCount) {
  }

  private static final class Accumulator {
    private double sum;
    private long count;

    void add(double rating) {
      sum += rating;
      count++;
    }
  }
}
