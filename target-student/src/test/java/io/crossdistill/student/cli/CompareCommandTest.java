package io.crossdistill.student.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crossdistill.datasets.RatingsWorld;
import io.crossdistill.datasets.RatingsWorldConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {

  @TempDir
  Path tmp;

  @Test
  void compare_onASmallWorld_writesRunsComparisonsScoresAndAReport_andPrintsTheTable() throws Exception {
    Path world = tmp.resolve("small-world");
    new RatingsWorld(RatingsWorldConfig.builder().optUsers(60).optSourceItems(200).optTargetItems(200)
        .optSourceRows(1_200).optTargetRows(900).build()).write(world);
    Path out = tmp.resolve("out");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    PrintStream before = System.out;
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = StudentCli.commandLine().execute("compare", "--data", world.toString(), "--out", out.toString(),
          "--small", "--seeds", "2", "--fractions", "1.0", "--variants", "distilled,committee-representations",
          "--committee", "2");
    } finally {
      System.setOut(before);
    }
    assertThat(code).isEqualTo(0);
    String printed = stdout.toString(StandardCharsets.UTF_8);
    assertThat(printed).contains("students trained on 100% of target train (small-world)", "teacher-zero-shot",
        "control", "distilled", "committee-representations", "distilled vs control, love AUC at 100%");

    JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    Set<String> testRuns = new HashSet<>();
    for (JsonNode run : metrics.get("runs")) {
      if (run.get("split").asText().equals("test")) {
        testRuns.add(run.get("variant").asText() + "/" + run.get("seed").asLong());
      }
    }
    assertThat(testRuns).containsExactlyInAnyOrder("teacher-zero-shot/1", "teacher-zero-shot/2", "control/1",
        "control/2", "distilled/1", "distilled/2", "committee-representations/1", "committee-representations/2");
    assertThat(metrics.get("comparisons")).anySatisfy(c -> {
      assertThat(c.get("variant").asText()).isEqualTo("distilled");
      assertThat(c.get("baseline").asText()).isEqualTo("control");
      assertThat(c.get("seeds").size()).isEqualTo(2);
    });
    assertThat(out.resolve("scores/distilled-f1.0-seed2.csv")).exists();
    assertThat(out.resolve("scores/teacher-zero-shot-f1.0-seed1.csv")).exists();
    assertThat(Files.readString(out.resolve("report.html"))).contains("<img", "committee-representations");
    assertThat(out.resolve("models/committee-representations-f1.0-seed1/lookup-user_id.csv")).exists();
    // the teachers are trained once and reused: one for the single-teacher labels, two for the committee
    try (var teachers = Files.list(out.resolve("teachers"))) {
      assertThat(teachers.count()).isEqualTo(2);
    }
  }

  @Test
  void compare_aDirectoryOutsideTheRatingsLayout_exits2NamingEveryMissingFile_beforeAnyWork() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("not-ratings"));
    Files.writeString(dir.resolve("music.train.rating"), "u1\ti1\t5\t0\n");
    PrintStream before = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = StudentCli.commandLine().execute("compare", "--data", dir.toString(), "--out", tmp.resolve("o").toString());
    } finally {
      System.setErr(before);
    }
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("music_movie.train.rating", "music.valid.rating",
        "music.test.rating").doesNotContain("missing file " + dir.resolve("music.train.rating"));
    assertThat(tmp.resolve("o")).doesNotExist();
  }

  @Test
  void compare_badOptions_exit2ListingEveryProblem() {
    PrintStream before = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = StudentCli.commandLine().execute("compare", "--data", tmp.resolve("nowhere").toString(), "--fractions",
          "0,1.5", "--variants", "telepathy", "--committee", "1");
    } finally {
      System.setErr(before);
    }
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not a directory", "0.0 is not in (0, 1]",
        "1.5 is not in (0, 1]", "unknown variant 'telepathy'", "--committee");
  }
}
