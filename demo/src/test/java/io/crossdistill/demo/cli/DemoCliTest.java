package io.crossdistill.demo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossdistill.datasets.RatingsWorld;
import io.crossdistill.datasets.RatingsWorldConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCliTest {

  @Test
  void help_describesTheDemoOptions() {
    StringWriter out = new StringWriter();
    CommandLine cli = DemoCli.commandLine();
    cli.setOut(new PrintWriter(out));
    assertThat(cli.execute("--help")).isZero();
    assertThat(out.toString()).contains("demo", "--in-process", "--small", "--data");
  }

  @Test
  void demo_withAMissingDataDirectory_failsWithAClearMessage() {
    StringWriter err = new StringWriter();
    CommandLine cli = DemoCli.commandLine();
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute("--data", "no/such/dir")).isEqualTo(2);
    assertThat(err.toString()).contains("--data no/such/dir is not a directory");
  }

  @Test
  void demo_withZeroSeeds_failsWithAClearMessage() {
    StringWriter err = new StringWriter();
    CommandLine cli = DemoCli.commandLine();
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute("--seeds", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--seeds must be at least 1");
  }

  @Test
  void demo_withDataAndReportOnValidation_failsBecauseCompareChoosesOnValidationItself(@TempDir Path dir) {
    StringWriter err = new StringWriter();
    CommandLine cli = DemoCli.commandLine();
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute("--data", dir.toString(), "--report-on-validation")).isEqualTo(2);
    assertThat(err.toString()).contains("--report-on-validation is for the simulator");
  }

  @Test
  void demo_onARatingsWorldDirectory_runsCompareAndNamesTheDirectory(@TempDir Path tmp) throws Exception {
    Path world = tmp.resolve("tiny-world");
    // a tenth of the default world, as in RatingsWorldTest: a smoke run of the --data path, not a result
    new RatingsWorld(RatingsWorldConfig.builder().optUsers(300).optSourceItems(600).optTargetItems(800)
        .optSourceRows(13_000).optTargetRows(9_000).build()).write(world);
    Path out = tmp.resolve("out");
    StringWriter stdout = new StringWriter();
    CommandLine cli = DemoCli.commandLine();
    cli.setOut(new PrintWriter(stdout));
    cli.setErr(new PrintWriter(new StringWriter()));

    assertThat(cli.execute("--data", world.toString(), "--out", out.toString(), "--small", "--seeds", "1",
        "--fractions", "1.0")).isZero();

    String text = stdout.toString();
    assertThat(text).contains("crossdistill demo: ratings-layout directory " + world.toAbsolutePath(),
        "students trained on 100% of target train (tiny-world)", "control", "distilled", "committee-representations",
        "love auc", "rating r2", "dislike auc", "Significance");
    assertThat(text).doesNotContain("Amazon", "10% of target train");
    Path compareOut = out.resolve("tiny-world");
    assertThat(text).contains(compareOut.resolve("metrics.json").toString(), compareOut.resolve("report.html")
        .toString());
    assertThat(Files.size(compareOut.resolve("metrics.json"))).isPositive();
    assertThat(Files.size(compareOut.resolve("report.html"))).isPositive();
    assertThat(Files.readString(compareOut.resolve("results.md"))).contains("tiny-world", "committee-representations");
  }
}
