package io.crossdistill.student.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the commands that live in target-student ({@code demo}); the {@code ./crossdistill}
 * launcher calls it.
 */
@Command(name = "crossdistill", mixinStandardHelpOptions = true, version = "crossdistill 0.1.0",
    description = "Zero-shot cross-domain knowledge distillation.",
    subcommands = {DemoCommand.class})
public final class CrossdistillCli implements Runnable {

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
    CommandLine cli = new CommandLine(new CrossdistillCli());
    cli.setExecutionExceptionHandler((ex, line, parsed) -> {
      line.getErr().println(line.getColorScheme().errorText("crossdistill: " + ex.getMessage()));
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
