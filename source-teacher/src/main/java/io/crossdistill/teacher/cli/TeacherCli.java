package io.crossdistill.teacher.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the teacher commands ({@code teacher train}, {@code teacher import},
 * {@code teacher search}) and of {@code backfill}; the {@code ./crossdistill} launcher calls it with the
 * command line as typed, starting with {@code teacher} or {@code backfill}. Plain picocli, no Quarkus: the
 * commands run on a plain class path.
 */
@Command(name = "crossdistill", mixinStandardHelpOptions = true, version = "crossdistill 0.1.0",
    description = "Zero-shot cross-domain knowledge distillation.",
    subcommands = {TeacherCli.Teacher.class, BackfillCommand.class})
public final class TeacherCli implements Runnable {

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code teacher}: the group of teacher commands. */
  @Command(name = "teacher", mixinStandardHelpOptions = true,
      description = "Train, import and search teachers.",
      subcommands = {TrainCommand.class, ImportCommand.class, SearchCommand.class})
  static final class Teacher implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }
  }

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line (also used by tests). */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new TeacherCli());
    cli.setExecutionExceptionHandler((ex, line, parsed) -> {
      line.getErr().println("crossdistill: " + ex.getMessage());
      if (Boolean.getBoolean("crossdistill.debug")) {
        ex.printStackTrace(line.getErr());
      } else {
        line.getErr().println("(run with JAVA_OPTS=-Dcrossdistill.debug=true for the stack trace)");
      }
      return 1;
    });
    return cli;
  }
}
