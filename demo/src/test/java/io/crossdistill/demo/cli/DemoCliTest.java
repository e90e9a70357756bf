package io.crossdistill.demo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCliTest {

  @Test
  void help_describesTheDemoOptions() {
    StringWriter out = new StringWriter();
    CommandLine cli = DemoCli.commandLine();
    cli.setOut(new PrintWriter(out));
    assertThat(cli.execute("--help")).isZero();
    assertThat(out.toString()).contains("demo", "--in-process", "--small");
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
}
