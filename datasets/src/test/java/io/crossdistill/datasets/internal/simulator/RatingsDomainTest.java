package io.crossdistill.datasets.internal.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RatingsDomainTest {

  @Test
  void allocate_heavyWeights_giveExactlyTheTotalWithinTheBounds() {
    double[] weights = {1, 1, 1, 1000, 2, 0.001};
    int[] rows = RatingsDomain.allocate(200, weights, 10, 60);
    assertThat(Arrays.stream(rows).sum()).isEqualTo(200);
    assertThat(Arrays.stream(rows).boxed().toList()).allMatch(n -> n >= 10 && n <= 60);
    assertThat(rows[3]).isEqualTo(60);
    assertThat(rows[4]).isGreaterThan(rows[5]);
  }

  @Test
  void rating_cutPoints_countTheCutsAtOrBelowTheScore() {
    double[] cuts = {-1, 0, 1, 2};
    assertThat(RatingsWorldJob.rating(-5, cuts)).isEqualTo(1);
    assertThat(RatingsWorldJob.rating(0, cuts)).isEqualTo(3);
    assertThat(RatingsWorldJob.rating(9, cuts)).isEqualTo(5);
  }
}
