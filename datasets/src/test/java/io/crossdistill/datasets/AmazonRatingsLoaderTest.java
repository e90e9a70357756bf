package io.crossdistill.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.crossdistill.datasets.AmazonFixture.Row;
import io.crossdistill.schemas.ContentHash;
import io.crossdistill.v1.Example;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AmazonRatingsLoaderTest {

  private static final double PRIOR = AmazonRatingsConfig.DEFAULT_PRIOR_COUNT;

  @TempDir
  Path tmp;

  private final AmazonFixture fixture = AmazonFixture.generate(11);

  private CrossDomainData load(AmazonFixture f, String name, double trainFraction, long seed) {
    Path dir = f.write(tmp.resolve(name + "-in"));
    AmazonRatingsConfig config = AmazonRatingsConfig.builder(dir).optTrainFraction(trainFraction).optSeed(seed).build();
    return new AmazonRatingsLoader(config).load(tmp.resolve(name + "-out"));
  }

  @Test
  void load_fullTrainFraction_countsMatchTheFilesLines() throws IOException {
    CrossDomainData data = load(fixture, "counts", 1.0, 1);
    Path in = tmp.resolve("counts-in");

    long movieLines = Files.readAllLines(in.resolve("music_movie.train.rating")).stream().filter(l -> l.endsWith("\t1")).count();
    assertThat(data.count(Split.SOURCE_TRAIN) + data.count(Split.SOURCE_VALID)).isEqualTo(movieLines).isEqualTo(300);
    assertThat(data.count(Split.SOURCE_VALID)).isBetween(10L, 60L); // about 10% of 300
    assertThat(data.count(Split.TARGET_TRAIN)).isEqualTo(Files.readAllLines(in.resolve("music.train.rating")).size());
    assertThat(data.count(Split.TARGET_VALID)).isEqualTo(Files.readAllLines(in.resolve("music.valid.rating")).size());
    assertThat(data.count(Split.TARGET_TEST)).isEqualTo(Files.readAllLines(in.resolve("music.test.rating")).size());
    for (Split split : Split.values()) {
      assertThat(TestExamples.read(data, split)).hasSize((int) data.count(split));
    }
  }

  @Test
  void load_examples_haveTheSchemaFeaturesAndTasksWithIdsInRange() {
    CrossDomainData data = load(fixture, "schema", 1.0, 1);
    assertThat(data.source().domain()).isEqualTo("movie");
    assertThat(data.target().domain()).isEqualTo("music");
    assertThat(data.source().taskNames()).containsExactly("love", "rating", "like");
    assertThat(data.target().taskNames()).containsExactly("love", "rating", "dislike");
    assertThat(data.target().featureNames())
        .containsExactly("user_id", "item_id", "user_mean", "user_count", "item_mean", "item_count");
    for (Split split : Split.values()) {
      DomainSchema schema = data.schema(split);
      for (Example e : TestExamples.read(data, split)) {
        assertThat(e.getDomain()).isEqualTo(schema.domain());
        assertThat(e.getLabels().keySet()).containsExactlyInAnyOrderElementsOf(schema.taskNames());
        for (FeatureDef f : schema.features()) {
          if (f.kind() == FeatureKind.ID) {
            assertThat(e.getIdFeatures().get(f.name())).isBetween(0L, f.cardinality() - 1L);
          } else {
            assertThat(e.getFloatFeatures().get(f.name())).isNotNull();
          }
        }
      }
    }
    assertThat(TestExamples.read(data, Split.TARGET_TEST).get(3).getId()).isEqualTo("music-test-000003");
  }

  @Test
  void load_labels_followTheProtocolDefinitions() {
    CrossDomainData data = load(fixture, "labels", 1.0, 1);
    List<Example> test = TestExamples.read(data, Split.TARGET_TEST);
    for (int k = 0; k < test.size(); k++) {
      double r = fixture.musicTest.get(k).rating();
      Map<String, Float> labels = test.get(k).getLabels();
      assertThat(labels.get("rating")).isEqualTo((float) r);
      assertThat(labels.get("love")).isEqualTo(r == 5 ? 1f : 0f);
      assertThat(labels.get("dislike")).isEqualTo(r <= 2 ? 1f : 0f);
    }
    for (Example e : TestExamples.read(data, Split.SOURCE_TRAIN)) {
      assertThat(e.getLabels().get("like")).isEqualTo(e.getLabels().get("rating") >= 4 ? 1f : 0f);
    }
  }

  @Test
  void load_userIds_areSharedByBothDomainsAndFollowNumericOrder() {
    CrossDomainData data = load(fixture, "users", 1.0, 1);
    Map<String, Long> dense = new HashMap<>();
    List<Example> target = TestExamples.read(data, Split.TARGET_TRAIN);
    for (int k = 0; k < target.size(); k++) {
      dense.put(fixture.musicTrain.get(k).user(), target.get(k).getIdFeatures().get("user_id"));
    }
    List<Example> source = TestExamples.read(data, Split.SOURCE_TRAIN);
    source.addAll(TestExamples.read(data, Split.SOURCE_VALID));
    Set<Long> sourceUserIds = source.stream().map(e -> e.getIdFeatures().get("user_id")).collect(Collectors.toSet());
    Set<Long> expectedShared = fixture.movie.stream().map(Row::user).filter(dense::containsKey).map(dense::get)
        .collect(Collectors.toSet());
    assertThat(expectedShared).isNotEmpty();
    assertThat(sourceUserIds).containsAll(expectedShared);

    int users = data.target().feature("user_id").orElseThrow().cardinality();
    assertThat(users).isEqualTo(rawUsers().size()).isEqualTo(data.source().feature("user_id").orElseThrow().cardinality());
    assertThat(dense).containsEntry("3", 0L); // numerically smallest raw id; "10" would come first as a string
    List<Example> test = TestExamples.read(data, Split.TARGET_TEST);
    assertThat(test.get(test.size() - 1).getIdFeatures().get("user_id")).isEqualTo(users - 1L); // raw "9999"
  }

  private Set<String> rawUsers() {
    Set<String> users = new java.util.HashSet<>();
    for (List<Row> rows : List.of(fixture.movie, fixture.musicTrain, fixture.musicValid, fixture.musicTest)) {
      rows.forEach(r -> users.add(r.user()));
    }
    return users;
  }

  @Test
  void heldOutFeatures_areComputedFromTrainingRowsAlone() {
    CrossDomainData data = load(fixture, "oracle-test", 1.0, 1);
    double global = mean(fixture.musicTrain);
    List<Example> test = TestExamples.read(data, Split.TARGET_TEST);
    for (int k = 0; k < test.size(); k++) {
      Row row = fixture.musicTest.get(k);
      List<Row> userRows = fixture.musicTrain.stream().filter(r -> r.user().equals(row.user())).toList();
      List<Row> itemRows = fixture.musicTrain.stream().filter(r -> r.item().equals(row.item())).toList();
      Map<String, Float> f = test.get(k).getFloatFeatures();
      assertThat(f.get("user_mean")).isCloseTo((float) shrunk(userRows, global), within(1e-5f));
      assertThat(f.get("user_count")).isCloseTo((float) Math.log1p(userRows.size()), within(1e-5f));
      assertThat(f.get("item_mean")).isCloseTo((float) shrunk(itemRows, global), within(1e-5f));
      assertThat(f.get("item_count")).isCloseTo((float) Math.log1p(itemRows.size()), within(1e-5f));
    }
    // the appended row's user and album appear nowhere in training: global mean, count 0
    Map<String, Float> unseen = test.get(test.size() - 1).getFloatFeatures();
    assertThat(unseen.get("user_mean")).isCloseTo((float) global, within(1e-5f));
    assertThat(unseen.get("item_mean")).isCloseTo((float) global, within(1e-5f));
    assertThat(unseen.get("user_count")).isZero();
    assertThat(unseen.get("item_count")).isZero();
  }

  @Test
  void trainingRowFeatures_leaveTheirOwnRatingOut() {
    CrossDomainData data = load(fixture, "oracle-train", 1.0, 1);
    List<Example> train = TestExamples.read(data, Split.TARGET_TRAIN);
    for (int k = 0; k < train.size(); k++) {
      Row row = fixture.musicTrain.get(k);
      List<Row> others = new ArrayList<>(fixture.musicTrain);
      others.remove(k);
      double global = mean(others);
      List<Row> userRows = others.stream().filter(r -> r.user().equals(row.user())).toList();
      List<Row> itemRows = others.stream().filter(r -> r.item().equals(row.item())).toList();
      Map<String, Float> f = train.get(k).getFloatFeatures();
      assertThat(f.get("user_mean")).isCloseTo((float) shrunk(userRows, global), within(1e-5f));
      assertThat(f.get("user_count")).isCloseTo((float) Math.log1p(userRows.size()), within(1e-5f));
      assertThat(f.get("item_mean")).isCloseTo((float) shrunk(itemRows, global), within(1e-5f));
      assertThat(f.get("item_count")).isCloseTo((float) Math.log1p(itemRows.size()), within(1e-5f));
    }
  }

  @Test
  void changingATestRating_changesNoFeatureAnywhere() {
    CrossDomainData before = load(fixture, "leak-a", 1.0, 1);
    CrossDomainData after = load(fixture.withTest(rows -> {
      rows.set(0, rows.get(0).withRating(rows.get(0).rating() == 1 ? 5 : 1));
      return rows;
    }), "leak-b", 1.0, 1);
    for (Split split : Split.values()) {
      assertThat(features(after, split)).as(split.key()).isEqualTo(features(before, split));
    }
    assertThat(TestExamples.read(after, Split.TARGET_TEST).get(0).getLabels())
        .isNotEqualTo(TestExamples.read(before, Split.TARGET_TEST).get(0).getLabels());
  }

  @Test
  void changingATrainingRating_leavesThatRowsOwnFeaturesUnchanged() {
    int k = 17;
    CrossDomainData before = load(fixture, "loo-a", 1.0, 1);
    CrossDomainData after = load(fixture.withMusicTrain(rows -> {
      rows.set(k, rows.get(k).withRating(rows.get(k).rating() == 1 ? 5 : 1));
      return rows;
    }), "loo-b", 1.0, 1);
    List<Example> trainBefore = TestExamples.read(before, Split.TARGET_TRAIN);
    List<Example> trainAfter = TestExamples.read(after, Split.TARGET_TRAIN);
    assertThat(trainAfter.get(k).getFloatFeatures()).isEqualTo(trainBefore.get(k).getFloatFeatures());
    // ...while the statistics that other rows and the test rows see do move
    assertThat(features(after, Split.TARGET_TEST)).isNotEqualTo(features(before, Split.TARGET_TEST));
  }

  @Test
  void trainFraction_isASeededDeterministicSample() {
    CrossDomainData a = load(fixture, "sample-a", 0.3, 5);
    CrossDomainData b = load(fixture, "sample-b", 0.3, 5);
    CrossDomainData c = load(fixture, "sample-c", 0.3, 6);
    for (Split split : Split.values()) {
      assertThat(ContentHash.ofFile(b.path(split))).as(split.key()).isEqualTo(ContentHash.ofFile(a.path(split)));
    }
    assertThat(a.count(Split.TARGET_TRAIN)).isBetween(25L, 70L); // about 30% of 150
    assertThat(ids(a, Split.TARGET_TRAIN)).isNotEqualTo(ids(c, Split.TARGET_TRAIN));
    // the sample changes only the target side: the teacher's data is the same for every seed
    assertThat(ContentHash.ofFile(c.sourceTrain())).isEqualTo(ContentHash.ofFile(a.sourceTrain()));
    // held-out rows are all kept, with statistics from the sampled rows only
    assertThat(c.count(Split.TARGET_TEST)).isEqualTo(fixture.musicTest.size());
  }

  @Test
  void trainFraction_heldOutStatisticsCountOnlyTheSampledRows() {
    CrossDomainData data = load(fixture, "sample-stats", 0.3, 5);
    Map<Long, Integer> perUser = new HashMap<>();
    Map<Long, Integer> perItem = new HashMap<>();
    for (Example e : TestExamples.read(data, Split.TARGET_TRAIN)) {
      perUser.merge(e.getIdFeatures().get("user_id"), 1, Integer::sum);
      perItem.merge(e.getIdFeatures().get("item_id"), 1, Integer::sum);
    }
    for (Example e : TestExamples.read(data, Split.TARGET_TEST)) {
      int userRows = perUser.getOrDefault(e.getIdFeatures().get("user_id"), 0);
      int itemRows = perItem.getOrDefault(e.getIdFeatures().get("item_id"), 0);
      assertThat(e.getFloatFeatures().get("user_count")).isCloseTo((float) Math.log1p(userRows), within(1e-5f));
      assertThat(e.getFloatFeatures().get("item_count")).isCloseTo((float) Math.log1p(itemRows), within(1e-5f));
    }
  }

  @Test
  void malformedLine_errorNamesFileLineAndReason() throws IOException {
    Path dir = fixture.write(tmp.resolve("bad"));
    Path valid = dir.resolve("music.valid.rating");
    List<String> lines = new ArrayList<>(Files.readAllLines(valid));
    lines.set(6, "12\t4\tfive\t0");
    Files.write(valid, lines);
    AmazonRatingsLoader loader = new AmazonRatingsLoader(AmazonRatingsConfig.builder(dir).build());

    assertThatThrownBy(() -> loader.load(tmp.resolve("bad-out")))
        .isInstanceOf(MalformedLineException.class)
        .hasMessageContaining("music.valid.rating:7:")
        .hasMessageContaining("'five' is not a number")
        .satisfies(e -> assertThat(((MalformedLineException) e).lineNumber()).isEqualTo(7));
    assertThat(tmp.resolve("bad-out")).doesNotExist();
  }

  @Test
  void malformedLine_wrongFieldCountOrDomainOrRange_isRejected() throws IOException {
    for (String[] bad : new String[][] {
        {"music.test.rating", "1\t2\t3.0", "expected 4 tab-separated fields"},
        {"music.test.rating", "1\t2\t3.0\t1", "this file holds only domain 0"},
        {"music_movie.train.rating", "1\t2\t9.0\t1", "outside [1, 5]"},
        {"music_movie.train.rating", "1\t2\t3.0\t7", "domain 7 is not 0 (music) or 1 (movie)"}}) {
      Path dir = fixture.write(tmp.resolve("bad-" + bad[2].hashCode()));
      Files.writeString(dir.resolve(bad[0]), bad[1] + "\n", java.nio.file.StandardOpenOption.APPEND);
      AmazonRatingsLoader loader = new AmazonRatingsLoader(AmazonRatingsConfig.builder(dir).build());
      assertThatThrownBy(() -> loader.load(tmp.resolve("out-" + bad[2].hashCode())))
          .isInstanceOf(MalformedLineException.class)
          .hasMessageContaining(bad[0] + ":")
          .hasMessageContaining(bad[2]);
    }
  }

  @Test
  void missingFiles_areAllListedAtOnce() throws IOException {
    Path dir = fixture.write(tmp.resolve("missing"));
    Files.delete(dir.resolve("music.valid.rating"));
    Files.delete(dir.resolve("music.test.rating"));
    AmazonRatingsLoader loader = new AmazonRatingsLoader(AmazonRatingsConfig.builder(dir).build());
    assertThatThrownBy(() -> loader.load(tmp.resolve("missing-out")))
        .isInstanceOfSatisfying(DatasetException.class, e -> assertThat(e.problems()).hasSize(2))
        .hasMessageContaining("music.valid.rating")
        .hasMessageContaining("music.test.rating");
  }

  @Test
  void config_invalidSettings_areAllReported() {
    assertThatThrownBy(() -> AmazonRatingsConfig.builder(tmp).optTrainFraction(0).optSourceValidFraction(1)
        .optPriorCount(-1).build())
        .isInstanceOfSatisfying(DatasetException.class, e -> assertThat(e.problems()).hasSize(3));
  }

  @Test
  void progress_reportsEverySplitComplete() {
    Map<Split, Long> last = new HashMap<>();
    Path dir = fixture.write(tmp.resolve("progress"));
    CrossDomainData data = new AmazonRatingsLoader(AmazonRatingsConfig.builder(dir).build())
        .load(tmp.resolve("progress-out"), (split, done, expected) -> last.put(split, done));
    for (Split split : Split.values()) {
      assertThat(last.get(split)).isEqualTo(data.count(split));
    }
  }

  private static Map<String, Object> features(CrossDomainData data, Split split) {
    Map<String, Object> all = new HashMap<>();
    for (Example e : TestExamples.read(data, split)) {
      all.put(e.getId(), List.of(e.getIdFeatures(), e.getFloatFeatures()));
    }
    return all;
  }

  private static List<Long> ids(CrossDomainData data, Split split) {
    return TestExamples.read(data, split).stream()
        .map(e -> e.getIdFeatures().get("user_id") * 100_000 + e.getIdFeatures().get("item_id")).toList();
  }

  private static double mean(List<Row> rows) {
    return rows.stream().mapToDouble(Row::rating).average().orElseThrow();
  }

  private static double shrunk(List<Row> rows, double global) {
    return (rows.stream().mapToDouble(Row::rating).sum() + PRIOR * global) / (rows.size() + PRIOR);
  }
}
