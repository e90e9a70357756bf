package io.crossdistill.student.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * How the {@code student} and {@code demo} commands report a failure: one line with the message, and
 * the stack trace only when {@code -Dcrossdistill.debug=true}; the exit status is 1.
 */
public final class CliErrorHandler implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception ex, CommandLine line, ParseResult parsed) {
    line.getErr().println(line.getColorScheme().errorText("crossdistill: " + ex.getMessage()));
    if (Boolean.getBoolean("crossdistill.debug")) {
      ex.printStackTrace(line.getErr());
    } else {
      line.getErr().println("(run with JAVA_OPTS=-Dcrossdistill.debug=true for the stack trace)");
    }
    return 1;
  }
}
