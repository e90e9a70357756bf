package io.crossdistill.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatingsWorldTest {

  private static final List<String> FILES = List.of("music_movie.train.rating", "music_movie.trainfull.rating",
      "music.train.rating", "music.valid.rating", "music.trainfull.rating", "music.test.rating");
  private static final double[] MUSIC_SHARES = {0.05, 0.05, 0.11, 0.26, 0.53};
  private static final double[] MOVIE_SHARES = {0.057, 0.075, 0.145, 0.267, 0.456};

  @TempDir
  Path tmp;

  /** A world a tenth of the default size, so that the tests stay quick. */
  private static RatingsWorldConfig.Builder small() {
    return RatingsWorldConfig.builder().optUsers(300).optSourceItems(600).optTargetItems(800)
        .optSourceRows(13_000).optTargetRows(9_000);
  }

  private RatingsWorldSummary write(RatingsWorldConfig config, String name) {
    return new RatingsWorld(config).write(tmp.resolve(name));
  }

  @Test
  void write_thenAmazonLoader_readsEverySplitWithTheConfiguredCounts() {
    RatingsWorldConfig config = small().build();
    RatingsWorldSummary summary = write(config, "world");
    CrossDomainData data = new AmazonRatingsLoader(AmazonRatingsConfig.builder(summary.dir()).build())
        .load(tmp.resolve("loaded"));

    for (Split split : Split.values()) {
      assertThat(data.count(split)).as(split.key()).isPositive();
    }
    assertThat(data.count(Split.SOURCE_TRAIN) + data.count(Split.SOURCE_VALID)).isEqualTo(config.sourceRows());
    long target = data.count(Split.TARGET_TRAIN) + data.count(Split.TARGET_VALID) + data.count(Split.TARGET_TEST);
    assertThat(target).isEqualTo(config.targetRows());
    assertThat((double) data.count(Split.TARGET_VALID) / target).isCloseTo(config.validFraction(), within(0.02));
    assertThat((double) data.count(Split.TARGET_TEST) / target).isCloseTo(config.testFraction(), within(0.02));
    assertThat(data.target().feature("user_id").orElseThrow().cardinality()).isEqualTo(config.users());
    assertThat(data.source().feature("user_id").orElseThrow().cardinality()).isEqualTo(config.users());
    assertThat(data.source().feature("item_id").orElseThrow().cardinality()).isBetween(500, config.sourceItems());
    assertThat(data.target().feature("item_id").orElseThrow().cardinality()).isBetween(600, config.targetItems());
  }

  @Test
  void write_files_holdTheLayoutsUnionsAndTheSummaryCountsTheirLines() {
    RatingsWorldSummary summary = write(small().build(), "layout");
    Path dir = summary.dir();
    for (String file : FILES) {
      assertThat(lines(dir, file)).as(file).hasSize(summary.fileRows().get(file).intValue());
    }
    List<String> source = lines(dir, "music_movie.train.rating").stream().filter(l -> l.endsWith("\t1")).toList();
    assertThat(lines(dir, "music_movie.train.rating"))
        .containsExactlyInAnyOrderElementsOf(concat(lines(dir, "music.train.rating"), source));
    assertThat(lines(dir, "music.trainfull.rating"))
        .containsExactlyInAnyOrderElementsOf(concat(lines(dir, "music.train.rating"), lines(dir, "music.valid.rating")));
    assertThat(lines(dir, "music_movie.trainfull.rating"))
        .containsExactlyInAnyOrderElementsOf(concat(lines(dir, "music.trainfull.rating"), source));
    assertThat(lines(dir, "music.test.rating")).allMatch(l -> l.endsWith("\t0"))
        .doesNotContainAnyElementsOf(lines(dir, "music.trainfull.rating"));
  }

  @Test
  void write_ratingHistograms_areNearTheAmazonShares() {
    RatingsWorldSummary summary = write(small().build(), "histogram");
    assertShares(histogram(lines(summary.dir(), "music.train.rating")), MUSIC_SHARES);
    assertShares(histogram(lines(summary.dir(), "music.test.rating")), MUSIC_SHARES);
    List<String> source = lines(summary.dir(), "music_movie.train.rating").stream().filter(l -> l.endsWith("\t1")).toList();
    assertShares(histogram(source), MOVIE_SHARES);
    assertThat(summary.sourceHistogram()).containsExactlyElementsOf(histogram(source));
  }

  @Test
  void write_sameSeed_writesIdenticalBytes() throws IOException {
    RatingsWorldSummary a = write(small().optSeed(7).build(), "a");
    RatingsWorldSummary b = write(small().optSeed(7).build(), "b");
    for (String file : FILES) {
      assertThat(Files.mismatch(a.dir().resolve(file), b.dir().resolve(file))).as(file).isEqualTo(-1L);
    }
  }

  @Test
  void write_anotherSeed_writesOtherRows() throws IOException {
    RatingsWorldSummary a = write(small().optSeed(7).build(), "a");
    RatingsWorldSummary b = write(small().optSeed(8).build(), "b");
    for (String file : FILES) {
      assertThat(Files.mismatch(a.dir().resolve(file), b.dir().resolve(file))).as(file).isNotEqualTo(-1L);
    }
  }

  @Test
  void write_everyUser_ratesInBothDomainsAndTrainsInTheTarget() {
    RatingsWorldConfig config = small().build();
    Path dir = write(config, "users").dir();
    Map<String, Long> source = userCounts(lines(dir, "music_movie.train.rating").stream().filter(l -> l.endsWith("\t1")));
    Map<String, Long> target = userCounts(Stream.of("music.trainfull.rating", "music.test.rating")
        .flatMap(f -> lines(dir, f).stream()));
    Set<String> all = Stream.iterate(0, u -> u + 1).limit(config.users()).map(String::valueOf).collect(Collectors.toSet());
    assertThat(source.keySet()).isEqualTo(all);
    assertThat(target.keySet()).isEqualTo(all);
    assertThat(userCounts(lines(dir, "music.train.rating").stream()).keySet()).isEqualTo(all);
    assertThat(source.values()).allMatch(n -> n >= RatingsWorldConfig.MIN_ROWS_PER_USER);
    assertThat(target.values()).allMatch(n -> n >= RatingsWorldConfig.MIN_ROWS_PER_USER);
    // heavy-tailed activity: the busiest user rates many times the median user's rows
    List<Long> sorted = target.values().stream().sorted().toList();
    assertThat(sorted.get(sorted.size() - 1)).isGreaterThan(5 * sorted.get(sorted.size() / 2));
  }

  @Test
  void write_sharedTaste_controlsHowAUsersRatingsAgreeAcrossDomains() {
    double same = userMeanCorrelation(write(small().optSharedTaste(1).build(), "same").dir());
    double unrelated = userMeanCorrelation(write(small().optSharedTaste(0).build(), "unrelated").dir());
    double defaults = userMeanCorrelation(write(small().build(), "defaults").dir());
    assertThat(same).isGreaterThan(0.6);
    assertThat(unrelated).isBetween(-0.2, 0.2);
    assertThat(defaults).isBetween(unrelated + 0.2, same - 0.1);
  }

  @Test
  void config_badSettings_listEveryProblemAtOnce() {
    assertThatThrownBy(() -> RatingsWorldConfig.builder().optUsers(0).optTargetItems(10).optLatentDim(0)
        .optSharedTaste(1.5).optNoise(-1).optValidFraction(0.6).optTestFraction(0.5).build())
        .isInstanceOfSatisfying(DatasetException.class, e -> assertThat(e.problems()).containsExactly(
            "users must be >= 1, got 0",
            "targetItems must be >= 40, got 10",
            "latentDim must be >= 1, got 0",
            "sharedTaste must be in [0, 1], got 1.5",
            "noise must be in [0, 10], got -1.0",
            "validFraction + testFraction must be < 1, got 1.1"));
    assertThatThrownBy(() -> small().optTargetRows(100).optSourceRows(1_000_000).build())
        .isInstanceOfSatisfying(DatasetException.class, e -> assertThat(e.problems()).containsExactly(
            "sourceRows must be <= users * 0.25 * items = 45000, got 1000000 (raise the items or lower the rows)",
            "targetRows must be >= users * 10 = 3000, got 100"));
  }

  @Test
  void command_badArguments_reportsEveryProblemAndExitsWith2() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = RatingsWorldCommand.run(new String[] {"--users", "many", "--shared-taste", "2", "--colour"},
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--users 'many' is not an integer",
        "unknown argument '--colour'", "--out DIR is required", "sharedTaste must be in [0, 1], got 2.0");
  }

  @Test
  void command_goodArguments_writesTheFilesAndPrintsTheCounts() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Path dir = tmp.resolve("command");
    int status = RatingsWorldCommand.run(new String[] {"--out", dir.toString(), "--seed", "3", "--users", "300",
        "--source-items", "600", "--target-items", "800", "--source-rows", "13000", "--target-rows", "9000"},
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    assertThat(status).isZero();
    assertThat(dir.resolve("music.test.rating")).isRegularFile();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("music.train.rating", "5★");
  }

  private static void assertShares(List<Long> histogram, double[] shares) {
    double total = histogram.stream().mapToLong(Long::longValue).sum();
    for (int k = 0; k < shares.length; k++) {
      assertThat(histogram.get(k) / total).as((k + 1) + "★ share").isCloseTo(shares[k], within(0.02));
    }
  }

  private static List<Long> histogram(List<String> lines) {
    long[] counts = new long[5];
    for (String line : lines) {
      counts[(int) Double.parseDouble(line.split("\t")[2]) - 1]++;
    }
    return List.of(counts[0], counts[1], counts[2], counts[3], counts[4]);
  }

  private static Map<String, Long> userCounts(Stream<String> lines) {
    return lines.collect(Collectors.groupingBy(l -> l.split("\t")[0], Collectors.counting()));
  }

  /** Pearson correlation, over users, of a user's mean source rating and mean target rating. */
  private static double userMeanCorrelation(Path dir) {
    Map<String, double[]> sums = new HashMap<>(); // user → {source sum, source n, target sum, target n}
    for (String line : lines(dir, "music_movie.trainfull.rating")) {
      String[] f = line.split("\t");
      double[] s = sums.computeIfAbsent(f[0], u -> new double[4]);
      int offset = f[3].equals("1") ? 0 : 2;
      s[offset] += Double.parseDouble(f[2]);
      s[offset + 1]++;
    }
    double n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    for (double[] s : sums.values()) {
      double x = s[0] / s[1];
      double y = s[2] / s[3];
      n++;
      sx += x;
      sy += y;
      sxx += x * x;
      syy += y * y;
      sxy += x * y;
    }
    return (sxy / n - sx / n * sy / n) / Math.sqrt((sxx / n - sx * sx / (n * n)) * (syy / n - sy * sy / (n * n)));
  }

  private static List<String> lines(Path dir, String file) {
    try {
      return Files.readAllLines(dir.resolve(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }
}
