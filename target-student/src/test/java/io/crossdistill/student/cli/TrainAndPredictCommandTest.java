package io.crossdistill.student.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossdistill.datasets.RatingsWorld;
import io.crossdistill.datasets.RatingsWorldConfig;
import io.crossdistill.datasets.Split;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainAndPredictCommandTest {

  @TempDir
  Path tmp;

  @Test
  void train_thenPredictOnItsTestFile_writesOneProbabilityPerExampleAndTask() throws Exception {
    Path world = tmp.resolve("world");
    new RatingsWorld(RatingsWorldConfig.builder().optUsers(60).optSourceItems(200).optTargetItems(200)
        .optSourceRows(1_200).optTargetRows(900).build()).write(world);
    Path out = tmp.resolve("out");
    String trained = run("train", "--data", world.toString(), "--out", out.toString(), "--variant", "representations",
        "--small", "--seed", "2");
    Path model = out.resolve("models/representations-f1.0-seed2");
    assertThat(trained).contains("valid love", "test  rating", "AUC", "Student saved to " + model);
    assertThat(model.resolve("student.json")).exists();
    assertThat(model.resolve("lookup-user_id.csv")).exists();

    Path input = out.resolve("data/f1.0-seed2").resolve(Split.TARGET_TEST.fileName());
    Path csv = tmp.resolve("scores/test.csv");
    run("predict", "--model", model.toString(), "--input", input.toString(), "--out", csv.toString());
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0)).isEqualTo("example_id,task,score");
    Set<String> keys = new HashSet<>();
    long examples = lines.stream().skip(1).map(l -> l.split(",")[0]).distinct().count();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      assertThat(keys.add(cells[0] + "/" + cells[1])).as("one row per (example, task): %s", line).isTrue();
      double score = Double.parseDouble(cells[2]);
      if (!cells[1].equals("rating")) {
        assertThat(score).as(line).isBetween(0.0, 1.0);
      } else {
        assertThat(score).as(line).isBetween(-1.0, 7.0);
      }
    }
    assertThat(lines).hasSize(1 + 3 * (int) examples);
    assertThat(examples).isGreaterThan(50);
  }

  @Test
  void train_aBadDirectoryAndAnUnknownVariant_exits2ListingBoth() {
    PrintStream before = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true));
    try {
      int code = StudentCli.commandLine().execute("train", "--data", tmp.resolve("nowhere").toString(), "--variant",
          "telepathy", "--fraction", "2");
      assertThat(code).isEqualTo(2);
    } finally {
      System.setErr(before);
    }
    assertThat(err.toString()).contains("--data", "is not a directory", "unknown variant 'telepathy'",
        "--fraction: 2.0 is not in (0, 1]");
  }

  @Test
  void predict_aDirectoryThatIsNoStudentAndATsvInput_exits2ListingBoth() throws Exception {
    Path tsv = Files.writeString(tmp.resolve("music.test.rating"), "u1\ti1\t5\t0\n");
    PrintStream before = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true));
    try {
      int code = StudentCli.commandLine().execute("predict", "--model", tmp.toString(), "--input", tsv.toString());
      assertThat(code).isEqualTo(2);
    } finally {
      System.setErr(before);
    }
    assertThat(err.toString()).contains("is not an Avro container file", "student.json: missing",
        "network.json: missing");
  }

  private static String run(String... args) {
    PrintStream before = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true));
    int code;
    try {
      code = StudentCli.commandLine().execute(args);
    } finally {
      System.setOut(before);
    }
    assertThat(code).as("exit status of %s; output:%n%s", args[0], out).isZero();
    return out.toString();
  }
}
