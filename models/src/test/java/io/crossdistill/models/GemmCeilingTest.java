package io.crossdistill.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GemmCeilingTest {

  @Test
  void run_throughTrunkAndHeads_returnsAFiniteOutputEveryTime() {
    try (GemmCeiling ceiling = GemmCeiling.of(8, 6, List.of(16, 4), 3)) {
      float first = ceiling.run();
      assertThat(first).isFinite();
      assertThat(ceiling.run()).as("same products, same value").isEqualTo(first);
    }
  }
}
