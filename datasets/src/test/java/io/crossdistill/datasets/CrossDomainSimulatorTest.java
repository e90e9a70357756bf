package io.crossdistill.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossdistill.schemas.ContentHash;
import io.crossdistill.v1.Example;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrossDomainSimulatorTest {

  @TempDir
  Path tmp;

  private static SimulatorConfig.Builder small() {
    return SimulatorConfig.builder().optUsers(600).optSourceItems(300).optTargetItems(150)
        .optSourceEvents(6000).optTargetEvents(2000);
  }

  private CrossDomainData generate(SimulatorConfig config, String name) {
    return new CrossDomainSimulator(config).generate(tmp.resolve(name));
  }

  @Test
  void generate_sameSeed_writesByteIdenticalFiles() {
    CrossDomainData a = generate(small().optSeed(7).build(), "a");
    CrossDomainData b = generate(small().optSeed(7).build(), "b");
    for (Split split : Split.values()) {
      assertThat(ContentHash.ofFile(b.path(split))).as(split.key()).isEqualTo(ContentHash.ofFile(a.path(split)));
    }
    assertThat(ContentHash.ofDirectory(tmp.resolve("b"), List.of()))
        .isEqualTo(ContentHash.ofDirectory(tmp.resolve("a"), List.of()));
  }

  @Test
  void generate_differentSeed_writesDifferentFiles() {
    CrossDomainData a = generate(small().optSeed(7).build(), "a");
    CrossDomainData b = generate(small().optSeed(8).build(), "b");
    for (Split split : Split.values()) {
      assertThat(ContentHash.ofFile(b.path(split))).as(split.key()).isNotEqualTo(ContentHash.ofFile(a.path(split)));
    }
  }

  @Test
  void generate_sizes_areHonoured() {
    SimulatorConfig config = small().optValidFraction(0.15).optTestFraction(0.25).build();
    CrossDomainData data = generate(config, "sizes");
    assertThat(data.count(Split.SOURCE_TRAIN) + data.count(Split.SOURCE_VALID)).isEqualTo(6000);
    assertThat(data.count(Split.SOURCE_VALID)).isEqualTo(900);
    assertThat(data.count(Split.TARGET_VALID)).isEqualTo(300);
    assertThat(data.count(Split.TARGET_TEST)).isEqualTo(500);
    assertThat(data.count(Split.TARGET_TRAIN)).isEqualTo(1200);
    for (Split split : Split.values()) {
      List<Example> examples = TestExamples.read(data, split);
      assertThat(examples).hasSize((int) data.count(split));
      DomainSchema schema = data.schema(split);
      for (Example e : examples) {
        assertThat(e.getIdFeatures().size() + e.getFloatFeatures().size()).isEqualTo(schema.features().size());
        for (FeatureDef f : schema.features()) {
          if (f.kind() == FeatureKind.ID) {
            assertThat(e.getIdFeatures().get(f.name())).as(f.name()).isBetween(0L, f.cardinality() - 1L);
          } else {
            assertThat(e.getFloatFeatures().get(f.name())).as(f.name()).isNotNull().isFinite();
          }
        }
        assertThat(e.getLabels().keySet()).containsExactlyInAnyOrderElementsOf(schema.taskNames());
      }
    }
  }

  @Test
  void generate_defaults_makeTheTargetMuchSmallerThanTheSource() {
    SimulatorConfig defaults = SimulatorConfig.defaults();
    assertThat(defaults.sourceEvents()).isGreaterThanOrEqualTo(5 * defaults.targetEvents());
    CrossDomainSimulator simulator = new CrossDomainSimulator(defaults);
    assertThat(simulator.sourceSchema().featureNames())
        .containsExactly("user_id", "item_id", "genre", "popularity", "user_activity",
            "video_duration", "channel_id", "watch_history_len");
    assertThat(simulator.targetSchema().featureNames())
        .containsExactly("user_id", "item_id", "genre", "popularity", "user_activity");
    assertThat(simulator.sourceSchema().taskNames()).containsExactly("click", "like", "watch_time", "continue_watching");
    assertThat(simulator.targetSchema().taskNames()).containsExactly("click", "like", "listen_time", "discovery");
  }

  @Test
  void generate_labels_haveSensibleRates() {
    CrossDomainData data = generate(small().build(), "rates");
    List<Example> source = TestExamples.read(data, Split.SOURCE_TRAIN);
    List<Example> target = TestExamples.read(data, Split.TARGET_TRAIN);
    double sourceClick = rate(source, "click");
    double targetClick = rate(target, "click");
    assertThat(sourceClick).isBetween(0.2, 0.7);
    assertThat(targetClick).isBetween(0.15, 0.6);
    assertThat(rate(source, "like")).isBetween(0.03, sourceClick);
    assertThat(rate(source, "continue_watching")).isBetween(0.03, sourceClick);
    assertThat(rate(target, "like")).isBetween(0.03, targetClick);
    assertThat(rate(target, "discovery")).isBetween(0.02, targetClick);
    double meanWatch = source.stream().mapToDouble(e -> e.getLabels().get("watch_time")).average().orElseThrow();
    double meanListen = target.stream().mapToDouble(e -> e.getLabels().get("listen_time")).average().orElseThrow();
    assertThat(meanWatch).isBetween(0.5, 8.0);
    assertThat(meanListen).isBetween(0.2, 3.5);
    assertThat(source).allSatisfy(e -> assertThat(e.getLabels().get("watch_time")).isGreaterThanOrEqualTo(0f));
  }

  @Test
  void missingTeacherFeatureFraction_changesTheNumberOfSourceOnlyFeatures() {
    int none = sourceOnly(0.0);
    int some = sourceOnly(0.4);
    int most = sourceOnly(0.6);
    assertThat(none).isZero();
    assertThat(some).isEqualTo(3);
    assertThat(most).isEqualTo(8);
    CrossDomainData data = generate(small().optMissingTeacherFeatureFraction(0.6).build(), "many");
    Example e = TestExamples.read(data, Split.SOURCE_TRAIN).get(0);
    assertThat(e.getIdFeatures().size() + e.getFloatFeatures().size()).isEqualTo(13);
  }

  private int sourceOnly(double fraction) {
    CrossDomainSimulator simulator = new CrossDomainSimulator(
        small().optMissingTeacherFeatureFraction(fraction).build());
    Set<String> names = new HashSet<>(simulator.sourceSchema().featureNames());
    names.removeAll(simulator.targetSchema().featureNames());
    return names.size();
  }

  @Test
  void userOverlap_controlsHowManyTargetUsersAppearInTheSource() {
    CrossDomainData none = generate(small().optUserOverlap(0).build(), "none");
    CrossDomainData all = generate(small().optUserOverlap(1).build(), "all");
    assertThat(intersection(none)).isEmpty();
    Set<Long> targetUsers = users(all, Split.TARGET_TRAIN);
    assertThat(intersection(all).size()).isGreaterThan(targetUsers.size() * 8 / 10);
  }

  private static Set<Long> intersection(CrossDomainData data) {
    Set<Long> shared = users(data, Split.SOURCE_TRAIN);
    shared.retainAll(users(data, Split.TARGET_TRAIN));
    return shared;
  }

  private static Set<Long> users(CrossDomainData data, Split split) {
    return TestExamples.read(data, split).stream().map(e -> e.getIdFeatures().get("user_id"))
        .collect(Collectors.toCollection(HashSet::new));
  }

  @Test
  void genreCorrespondence_isAOneToOneMapOfTheVocabularies() {
    CrossDomainSimulator simulator = new CrossDomainSimulator(small().optGenres(9).build());
    assertThat(simulator.genreCorrespondence()).hasSize(9);
    assertThat(new HashSet<>(simulator.genreCorrespondence().values())).hasSize(9)
        .allSatisfy(v -> assertThat(v).isBetween(0L, 8L));
  }

  @Test
  void progress_endsWithEverySplitComplete() {
    long[] last = new long[Split.values().length];
    CrossDomainData data = new CrossDomainSimulator(small().build())
        .generate(tmp.resolve("p"), (split, done, expected) -> {
          assertThat(done).isLessThanOrEqualTo(expected);
          last[split.ordinal()] = done;
        });
    for (Split split : Split.values()) {
      assertThat(last[split.ordinal()]).isEqualTo(data.count(split));
    }
  }

  @Test
  void config_invalidSettings_areAllReported() {
    assertThatThrownBy(() -> SimulatorConfig.builder().optUsers(0).optUserOverlap(1.5).optLabelNoise(0.7)
        .optValidFraction(0.6).optTestFraction(0.6).build())
        .isInstanceOfSatisfying(DatasetException.class, e -> assertThat(e.problems()).hasSize(4)
            .anySatisfy(p -> assertThat(p).startsWith("users"))
            .anySatisfy(p -> assertThat(p).startsWith("userOverlap"))
            .anySatisfy(p -> assertThat(p).startsWith("labelNoise"))
            .anySatisfy(p -> assertThat(p).startsWith("validFraction + testFraction")));
  }

  private static double rate(List<Example> examples, String task) {
    return examples.stream().mapToDouble(e -> e.getLabels().get(task)).average().orElseThrow();
  }
}
