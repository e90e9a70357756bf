package io.crossdistill.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossdistill.schemas.ContainerReader;
import io.crossdistill.v1.Example;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader on the real amazon-movie-music files of {@code ../shared/data}. */
class SharedAmazonDataTest {

  private static final String DATA_SET = "amazon-movie-music";

  @TempDir
  static Path tmp;

  private static Path dir;
  private static CrossDomainData full;

  /** Each test asks for the data, so an absent data set shows up as skipped tests with the reason. */
  @BeforeEach
  void requireData() {
    dir = SharedData.require(DATA_SET);
    if (full == null) {
      full = new AmazonRatingsLoader(AmazonRatingsConfig.builder(dir).build()).load(tmp.resolve("full"));
    }
  }

  @Test
  void fullTrainFraction_countsMatchTheFilesLineCounts() {
    assertThat(full.count(Split.SOURCE_TRAIN) + full.count(Split.SOURCE_VALID))
        .isEqualTo(lines("music_movie.train.rating") - lines("music.train.rating"))
        .isEqualTo(131_617);
    assertThat(full.count(Split.SOURCE_VALID)).isBetween(12_500L, 13_800L);
    assertThat(full.count(Split.TARGET_TRAIN)).isEqualTo(lines("music.train.rating")).isEqualTo(60_666);
    assertThat(full.count(Split.TARGET_VALID)).isEqualTo(lines("music.valid.rating")).isEqualTo(13_833);
    assertThat(full.count(Split.TARGET_TEST)).isEqualTo(lines("music.test.rating")).isEqualTo(17_267);
  }

  @Test
  void schemas_haveTheDataSetsUsersAndItems() {
    int users = full.target().feature("user_id").orElseThrow().cardinality();
    assertThat(users).isEqualTo(full.source().feature("user_id").orElseThrow().cardinality()).isBetween(2_091, 2_200);
    assertThat(full.target().feature("item_id").orElseThrow().cardinality()).isEqualTo(4_538);
  }

  @Test
  void tenPercentSample_keepsAboutATenthOfMusicTrainAndEveryHeldOutRow() {
    CrossDomainData tenth = new AmazonRatingsLoader(
        AmazonRatingsConfig.builder(dir).optTrainFraction(0.1).optSeed(3).build()).load(tmp.resolve("tenth"));
    assertThat(tenth.count(Split.TARGET_TRAIN)).isBetween(5_700L, 6_450L);
    assertThat(tenth.count(Split.TARGET_TEST)).isEqualTo(full.count(Split.TARGET_TEST));
    assertThat(tenth.count(Split.SOURCE_TRAIN)).isEqualTo(full.count(Split.SOURCE_TRAIN));
  }

  @Test
  void loveLabels_matchThePublishedRatingDistribution() {
    long fiveStars = 0;
    try (ContainerReader<Example> reader = full.open(Split.TARGET_TRAIN)) {
      for (Example e : reader) {
        fiveStars += e.getLabels().get("love").longValue();
      }
    }
    assertThat(fiveStars).isEqualTo(32_519); // music train 5★ count from the data README
  }

  private static long lines(String file) {
    try (Stream<String> lines = Files.lines(dir.resolve(file))) {
      return lines.filter(l -> !l.isBlank()).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
