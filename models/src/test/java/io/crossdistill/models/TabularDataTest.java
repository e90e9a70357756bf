package io.crossdistill.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TabularDataTest {

  private final TabularData data = new TabularData(3, 2, new float[] {1, 2, 3, 4, 5, 6}, 1, new long[] {7, 8, 9}, 1,
      new float[] {0, Float.NaN, 1});

  @Test
  void constructor_listsEveryWrongSize() {
    assertThatThrownBy(() -> new TabularData(3, 2, new float[5], 1, new long[2], 1, new float[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("numeric has 5 floats")
        .hasMessageContaining("ids has 2 longs");
  }

  @Test
  void sliceAndSelect_keepRowsTogether() {
    TabularData slice = data.slice(1, 3);
    assertThat(slice.numeric()).containsExactly(3, 4, 5, 6);
    assertThat(slice.ids()).containsExactly(8, 9);
    TabularData selected = data.select(new int[] {2, 0, 2});
    assertThat(selected.numeric()).containsExactly(5, 6, 1, 2, 5, 6);
    assertThat(selected.ids()).containsExactly(9, 7, 9);
    assertThat(selected.targets()).containsExactly(1, 0, 1);
  }

  @Test
  void shuffled_isAPermutationFixedByTheSeed() {
    TabularData big = SyntheticTables.table(100, 1, 0.1);
    assertThat(big.shuffled(5).ids()).containsExactly(big.shuffled(5).ids());
    assertThat(big.shuffled(5).ids()).isNotEqualTo(big.shuffled(6).ids());
    assertThat(TabularData.permutation(100, 3)).containsExactlyInAnyOrder(TabularData.permutation(100, 4));
  }

  @Test
  void labelledCount_skipsNaNTargets() {
    assertThat(data.labelledCount(0)).isEqualTo(2);
    assertThat(data.targetColumn(0)).containsExactly(0, Float.NaN, 1);
  }

  @Test
  void accessors_returnCopies() {
    data.numeric()[0] = 99;
    assertThat(data.numeric(0, 0)).isEqualTo(1);
  }
}
