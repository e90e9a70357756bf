package io.crossdistill.student;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {

  @Test
  void severalSeeds_printAsMeanPlusMinusSampleStd() {
    ResultTable table = new ResultTable(List.of("a", "b"));
    table.add("click AUC", "a", 0.70);
    table.add("click AUC", "a", 0.80);
    table.add("click AUC", "b", 0.5);
    assertThat(table.mean("click AUC", "a")).isCloseTo(0.75, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(table.std("click AUC", "a")).isCloseTo(Math.sqrt(0.005), org.assertj.core.data.Offset.offset(1e-12));
    assertThat(table.render()).contains("0.7500 ± 0.0707").contains("0.5000");
  }

  @Test
  void notApplicableCells_printAsDash() {
    ResultTable table = new ResultTable(List.of("a", "b"));
    table.add("discovery AUC", "b", 0.6);
    table.add("discovery AUC", "a", Double.NaN);
    String[] lines = table.render().split("\n");
    assertThat(lines[2]).startsWith("discovery AUC").contains(" - ").endsWith("0.6000");
  }

  @Test
  void unknownColumn_isRejected() {
    ResultTable table = new ResultTable(List.of("a"));
    assertThatThrownBy(() -> table.add("x", "nope", 1)).hasMessageContaining("unknown column nope");
  }
}
