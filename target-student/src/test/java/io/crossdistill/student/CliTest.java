package io.crossdistill.student;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossdistill.student.cli.CrossdistillCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CliTest {

  @Test
  void help_listsTheDemoCommand() {
    StringWriter out = new StringWriter();
    CommandLine cli = CrossdistillCli.commandLine();
    cli.setOut(new PrintWriter(out));
    assertThat(cli.execute("--help")).isZero();
    assertThat(out.toString()).contains("demo");
  }

  @Test
  void demo_withAMissingDataDirectory_failsWithAClearMessage() {
    StringWriter err = new StringWriter();
    CommandLine cli = CrossdistillCli.commandLine();
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute("demo", "--data", "no/such/dir")).isEqualTo(2);
    assertThat(err.toString()).contains("--data no/such/dir is not a directory");
  }

  @Test
  void demo_withZeroSeeds_failsWithAClearMessage() {
    StringWriter err = new StringWriter();
    CommandLine cli = CrossdistillCli.commandLine();
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute("demo", "--seeds", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--seeds must be at least 1");
  }
}
