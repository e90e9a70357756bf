package io.crossdistill.datasets.internal.amazon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.crossdistill.datasets.internal.amazon.RatingStats.RowStats;
import org.junit.jupiter.api.Test;

class RatingStatsTest {

  @Test
  void heldOut_shrinksASingleRatingTowardTheGlobalMean() {
    RatingStats stats = new RatingStats(5);
    stats.add("u1", "i1", 5);
    stats.add("u2", "i1", 1);
    stats.add("u2", "i2", 3);
    RowStats row = stats.heldOut("u1", "i2");
    double global = 3.0;
    assertThat(row.userMean()).isCloseTo((5 + 5 * global) / 6, within(1e-12));
    assertThat(row.userCount()).isCloseTo(Math.log1p(1), within(1e-12));
    assertThat(row.itemMean()).isCloseTo((3 + 5 * global) / 6, within(1e-12));
  }

  @Test
  void leaveOneOut_ofAnEntitysOnlyRating_givesTheGlobalMeanOfTheOtherRowsAndCountZero() {
    RatingStats stats = new RatingStats(5);
    stats.add("u1", "i1", 5);
    stats.add("u2", "i2", 1);
    stats.add("u2", "i3", 2);
    RowStats row = stats.leaveOneOut("u1", "i1", 5);
    assertThat(row.userMean()).isCloseTo(1.5, within(1e-12));
    assertThat(row.itemMean()).isCloseTo(1.5, within(1e-12));
    assertThat(row.userCount()).isZero();
    assertThat(row.itemCount()).isZero();
  }

  @Test
  void noTrainingRows_fallBackToTheMiddleOfTheScale() {
    RatingStats stats = new RatingStats(0);
    RowStats row = stats.heldOut("u", "i");
    assertThat(row.userMean()).isEqualTo(RatingStats.EMPTY_MEAN);
    assertThat(row.itemMean()).isEqualTo(RatingStats.EMPTY_MEAN);
  }
}
