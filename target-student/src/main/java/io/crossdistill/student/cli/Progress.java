package io.crossdistill.student.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of one long step: a bar when a person watches a terminal, plain lines (at most one per
 * tenth of the work) when the output is a log or a pipe.
 */
public final class Progress implements AutoCloseable {

  private final String task;
  private final long total;
  private final ProgressBar bar;
  private final PrintStream plain;
  private long done;
  private long lastDecile = -1;

  private Progress(String task, long total, ProgressBar bar, PrintStream plain) {
    this.task = task;
    this.total = total;
    this.bar = bar;
    this.plain = plain;
  }

  /** Starts reporting {@code task} with {@code total} units of work (0 when unknown). */
  public static Progress start(String task, long total, String unit) {
    boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
    if (terminal && total > 0) {
      ProgressBar bar = new ProgressBarBuilder()
          .setTaskName(task)
          .setInitialMax(total)
          .setUnit(" " + unit, 1)
          .setStyle(ProgressBarStyle.ASCII)
          .setUpdateIntervalMillis(200)
          .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
          .build();
      return new Progress(task, total, bar, null);
    }
    System.err.printf("%s ...%n", task);
    return new Progress(task, total, null, System.err);
  }

  /** Adds {@code n} units of finished work. */
  public void step(long n) {
    done += n;
    if (bar != null) {
      bar.stepBy(n);
    } else if (total > 0) {
      long decile = Math.min(10, done * 10 / total);
      if (decile > lastDecile && decile < 10) {
        lastDecile = decile;
        plain.printf("  %s: %d%% (%d/%d)%n", task, decile * 10, done, total);
      }
    }
  }

  /** Shows a short status next to the bar, e.g. the current loss. */
  public void status(String message) {
    if (bar != null) {
      bar.setExtraMessage(" " + message);
    }
  }

  /** Prints one line of a long step's log without breaking the bar. */
  public void log(String line) {
    if (bar != null) {
      System.err.print("\r\033[2K");
    }
    System.err.println(line);
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    } else {
      plain.printf("  %s: done%n", task);
    }
  }
}
