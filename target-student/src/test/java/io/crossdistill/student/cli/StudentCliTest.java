package io.crossdistill.student.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StudentCliTest {

  @Test
  void help_namesTheStudentCommand() {
    StringWriter out = new StringWriter();
    CommandLine cli = StudentCli.commandLine();
    cli.setOut(new PrintWriter(out));
    assertThat(cli.execute("--help")).isZero();
    assertThat(out.toString()).contains("Usage: student");
  }

  @Test
  void anUnknownSubcommand_isAUsageError() {
    StringWriter err = new StringWriter();
    CommandLine cli = StudentCli.commandLine();
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute("no-such-command")).isEqualTo(2);
  }
}
