package io.crossdistill.teacher.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TeacherSearchTest {

  @Test
  void sample_isDistinctDeterministicAndHalvesWidthsWithDepth() {
    List<TeacherSearch.Candidate> a = TeacherSearch.sample(12, 5);
    assertThat(a).hasSize(12).isEqualTo(TeacherSearch.sample(12, 5));
    assertThat(a.stream().map(c -> c.embeddingDim() + "/" + c.hiddenWidths()).distinct()).hasSize(12);
    for (TeacherSearch.Candidate c : a) {
      for (int i = 1; i < c.hiddenWidths().size(); i++) {
        assertThat(c.hiddenWidths().get(i)).isEqualTo(Math.max(16, c.hiddenWidths().get(i - 1) / 2));
      }
    }
    assertThat(TeacherSearch.sample(1000, 5)).hasSize(4 * 4 * 3);
  }

  @Test
  void rank_sumsTheLossAndLiftRanksAndBreaksTiesByLoss() {
    TeacherSearch.Row lowLoss = row(1, 1.0, 0.00);
    TeacherSearch.Row highLift = row(2, 3.0, 0.05);
    TeacherSearch.Row balanced = row(3, 2.0, 0.03);
    // ranks (loss, lift): 1 → (0, 2), 2 → (2, 0), 3 → (1, 1): all sum to 2, so lower loss wins
    assertThat(TeacherSearch.rank(List.of(highLift, balanced, lowLoss)))
        .extracting(r -> r.candidate().id()).containsExactly(1, 3, 2);
    TeacherSearch.Row dominated = row(4, 4.0, -0.01);
    assertThat(TeacherSearch.rank(List.of(dominated, balanced)).get(0).candidate().id()).isEqualTo(3);
  }

  private static TeacherSearch.Row row(int id, double loss, double lift) {
    return new TeacherSearch.Row(new TeacherSearch.Candidate(id, 8, List.of(64)), 1000, 0, 1, loss, 0.5 + lift, lift,
        1, "scored");
  }
}
