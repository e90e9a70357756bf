package io.crossdistill.student.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code student} commands that live in target-student; the {@code ./crossdistill}
 * launcher calls it: {@code compare}, {@code train} and {@code predict}.
 */
@Command(name = "student", mixinStandardHelpOptions = true, version = "crossdistill 0.1.0",
    description = "Target students: training with teacher labels, evaluation, comparison.",
    subcommands = {CompareCommand.class, TrainCommand.class, PredictCommand.class})
public final class StudentCli implements Runnable {

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line (also used by tests). */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new StudentCli());
    cli.setExecutionExceptionHandler(new CliErrorHandler());
    return cli;
  }
}
