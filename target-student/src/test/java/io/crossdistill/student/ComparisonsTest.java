package io.crossdistill.student;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crossdistill.datasets.TaskDef;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Comparisons, their verdicts and their paired t-test against scipy (src/test/fixtures/make_report_fixtures.py). */
class ComparisonsTest {

  private static final TaskDef LOVE = SyntheticResults.LOVE;
  private static final SyntheticResults.Truth TRUTH = new SyntheticResults.Truth("e", 2000, 5);

  @Test
  void all_withAClearGain_findsItSignificantWithAnIntervalAboveZero() {
    List<ModelRun> runs = pairs(1.8, 0.6, List.of(1L, 2L, 3L, 4L));
    Comparison love = only(Comparisons.all(runs, ModelRun.CONTROL), "love");
    assertThat(love.ciLow()).isPositive();
    assertThat(love.meanDifference()).isBetween(love.ciLow(), love.ciHigh());
    assertThat(love.pValue()).isPresent();
    assertThat(love.pValue().getAsDouble()).isLessThan(0.05);
    assertThat(love.significant()).isTrue();
    assertThat(love.verdict()).startsWith("distilled vs control, love AUC at 10%: +")
        .contains(", significant (paired t-test p").contains("over 4 seeds").contains("excludes 0");
  }

  @Test
  void all_withIdenticalModels_isNotSignificantAndSaysTheIntervalIncludesZero() {
    List<ModelRun> runs = pairs(1.0, 1.0, List.of(1L, 2L, 3L));
    for (Comparison c : Comparisons.all(runs, ModelRun.CONTROL)) {
      assertThat(c.meanDifference()).isZero();
      assertThat(c.ciLow()).isZero();
      assertThat(c.ciHigh()).isZero();
      assertThat(c.significant()).isFalse();
      assertThat(c.verdict()).contains("not significant").contains("includes 0");
    }
  }

  @Test
  void all_withOneSeed_decidesByTheIntervalAndSaysTheTTestIsUndefined() {
    Comparison love = only(Comparisons.all(pairs(1.8, 0.6, List.of(7L)), ModelRun.CONTROL), "love");
    assertThat(love.pValue()).isEmpty();
    assertThat(love.std()).isNaN();
    assertThat(love.significant()).isTrue();
    assertThat(love.verdict()).contains("t-test undefined with 1 seed");
  }

  @Test
  void all_withTheSameSeed_isDeterministicAndAnotherSeedMovesTheInterval() {
    List<ModelRun> runs = pairs(1.5, 1.2, List.of(1L, 2L));
    List<Comparison> first = Comparisons.all(runs, ModelRun.CONTROL, 200, 42);
    assertThat(Comparisons.all(runs, ModelRun.CONTROL, 200, 42)).isEqualTo(first);
    List<Comparison> other = Comparisons.all(runs, ModelRun.CONTROL, 200, 43);
    assertThat(other.get(0).ciLow()).isNotEqualTo(first.get(0).ciLow());
    assertThat(other.get(0).meanDifference()).isEqualTo(first.get(0).meanDifference());
  }

  @Test
  void all_withExamplesInAnotherOrder_pairsThemById() {
    List<ModelRun> runs = pairs(1.5, 1.0, List.of(1L, 2L));
    List<ModelRun> shuffled = new ArrayList<>();
    for (ModelRun run : runs) {
      shuffled.add(run.variant().equals("distilled") ? reversed(run) : run);
    }
    List<Comparison> expected = Comparisons.all(runs, ModelRun.CONTROL, 100, 1);
    List<Comparison> actual = Comparisons.all(shuffled, ModelRun.CONTROL, 100, 1);
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      // R² sums in another order differ in the last bits; the bootstrap resamples the same examples
      assertThat(actual.get(i).meanDifference()).isCloseTo(expected.get(i).meanDifference(), within(1e-12));
      assertThat(actual.get(i).ciLow()).isCloseTo(expected.get(i).ciLow(), within(1e-12));
      assertThat(actual.get(i).ciHigh()).isCloseTo(expected.get(i).ciHigh(), within(1e-12));
    }
  }

  @Test
  void all_pValue_matchesScipysPairedTTest() throws IOException {
    JsonNode fixture = expected().get("pairedTTest");
    List<ModelRun> runs = new ArrayList<>();
    for (int s = 0; s < fixture.get("variant").size(); s++) {
      runs.add(withAuc(ModelRun.CONTROL, s, fixture.get("baseline").get(s).asDouble()));
      runs.add(withAuc("distilled", s, fixture.get("variant").get(s).asDouble()));
    }
    Comparison c = Comparisons.all(runs, ModelRun.CONTROL, 50, 1).get(0);
    assertThat(c.pValue().getAsDouble()).isCloseTo(fixture.get("pValue").asDouble(), within(1e-12));
  }

  @Test
  void all_skipsTheTeacherWithoutASharedSeedAndComparesEveryVariantFractionAndTask() {
    List<Comparison> all = Comparisons.all(SyntheticResults.runs(), ModelRun.CONTROL, 100, 1);
    assertThat(all).hasSize(2 * 2 * 3);
    assertThat(all).extracting(Comparison::variant).containsOnly("distilled", "direct");
    assertThat(all).filteredOn(c -> c.task().equals("spend")).extracting(Comparison::metric).containsOnly("r2");
    assertThat(all).allSatisfy(c -> assertThat(c.seeds()).containsExactly(1L, 2L, 3L));
  }

  /** Control and distilled runs on {@link #TRUTH}'s love task, the given noise each, per seed. */
  private static List<ModelRun> pairs(double controlNoise, double distilledNoise, List<Long> seeds) {
    List<ModelRun> runs = new ArrayList<>();
    for (long seed : seeds) {
      ModelRun control = SyntheticResults.run(ModelRun.CONTROL, 0.1, seed, ModelRun.TEST, TRUTH, controlNoise, List.of());
      runs.add(control);
      runs.add(controlNoise == distilledNoise ? renamed(control, "distilled")
          : SyntheticResults.run("distilled", 0.1, seed, ModelRun.TEST, TRUTH, distilledNoise, List.of()));
    }
    return runs;
  }

  private static ModelRun renamed(ModelRun run, String variant) {
    return ModelRun.of(variant, run.fraction(), run.seed(), run.split(), run.scores(), run.learningCurve(),
        run.provenance(), run.parameters());
  }

  private static ModelRun reversed(ModelRun run) {
    List<String> ids = new ArrayList<>(run.scores().exampleIds());
    Collections.reverse(ids);
    List<ScoredTask> tasks = new ArrayList<>();
    for (ScoredTask t : run.scores().tasks()) {
      tasks.add(new ScoredTask(t.task(), reverse(t.outputs()), reverse(t.labels())));
    }
    return ModelRun.of(run.variant(), run.fraction(), run.seed(), run.split(), new ScoredSplit(ids, tasks),
        run.learningCurve(), run.provenance(), run.parameters());
  }

  private static float[] reverse(float[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[values.length - 1 - i];
    }
    return out;
  }

  /** A run whose recorded test AUC is {@code auc}, with a few scores for the bootstrap. */
  private static ModelRun withAuc(String variant, long seed, double auc) {
    ScoredSplit scores = new ScoredSplit(List.of("a", "b", "c", "d"),
        List.of(new ScoredTask(LOVE, new float[] {0, 1, 2, 3 + seed}, new float[] {0, 1, 0, 1})));
    TaskMetrics metrics = new TaskMetrics(LOVE, Map.of(TaskMetrics.AUC, auc));
    return new ModelRun(variant, 0.1, seed, ModelRun.TEST, Map.of("love", metrics), List.of(), Map.of(),
        OptionalLong.empty(), scores);
  }

  private static Comparison only(List<Comparison> comparisons, String task) {
    List<Comparison> own = comparisons.stream().filter(c -> c.task().equals(task)).toList();
    assertThat(own).hasSize(1);
    return own.get(0);
  }

  private static JsonNode expected() throws IOException {
    try (InputStream in = ComparisonsTest.class.getResourceAsStream("/report/expected.json")) {
      return new ObjectMapper().readTree(in);
    }
  }
}
