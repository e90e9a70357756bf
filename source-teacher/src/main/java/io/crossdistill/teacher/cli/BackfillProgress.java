package io.crossdistill.teacher.cli;

import io.crossdistill.labelling.Backfill;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A backfill's progress on the command line: a bar (records, rate, ETA) when a person watches a terminal,
 * otherwise a line at every tenth of the input, so logs and pipes stay short.
 */
final class BackfillProgress implements Backfill.Listener, AutoCloseable {

  private final PrintWriter log;
  private final boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
  private ProgressBar bar;
  private long total;
  private long lastDecile = -1;

  BackfillProgress(PrintWriter log) {
    this.log = log;
  }

  @Override
  public void started(long from, OptionalLong size) {
    total = size.orElse(0);
    if (from > 0) {
      log.printf(Locale.ROOT, "resuming at record %,d (a checkpoint of an earlier run covers the records before)%n",
          from);
    }
    log.printf(Locale.ROOT, "labelling %s records ...%n", size.isPresent() ? String.format(Locale.ROOT, "%,d", total)
        : "the");
    log.flush();
    if (terminal && total > 0) {
      bar = new ProgressBarBuilder().setTaskName("backfill").setInitialMax(total).setUnit(" records", 1)
          .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).startsFrom(from, Duration.ZERO)
          .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }
  }

  @Override
  public void progress(long done, OptionalLong size, long labels, long deadLetters) {
    if (bar != null) {
      bar.stepTo(done);
      bar.setExtraMessage(String.format(Locale.ROOT, " %,d dead letters in this run", deadLetters));
    } else if (total > 0) {
      long decile = done * 10 / total;
      if (decile > lastDecile && decile < 10) {
        lastDecile = decile;
        log.printf(Locale.ROOT, "  %d%% (%,d of %,d records; %,d dead letters in this run)%n", decile * 10, done,
            total, deadLetters);
        log.flush();
      }
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
