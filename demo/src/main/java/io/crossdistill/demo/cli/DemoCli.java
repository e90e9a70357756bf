package io.crossdistill.demo.cli;

import io.crossdistill.student.cli.CliErrorHandler;
import picocli.CommandLine;

/** Entry point of {@code ./crossdistill demo}: runs {@link DemoCommand}. */
public final class DemoCli {

  private DemoCli() {
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line (also used by tests). */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new DemoCommand());
    cli.setExecutionExceptionHandler(new CliErrorHandler());
    return cli;
  }
}
