package io.crossdistill.labelling;

import java.util.ArrayDeque;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;

/**
 * Records per second over a sliding minute: each commit adds its count with the time it was made, counts
 * older than the window are dropped, and the rate is what the window holds over the window's length (or
 * over the time since the first count, when that is shorter). Thread-safe; a few entries a second.
 */
final class Throughput {

  static final long WINDOW_NANOS = 60_000_000_000L;
  private static final long MIN_SPAN_NANOS = 1_000_000_000L;

  private final LongSupplier clock;
  private final long started;
  private final ArrayDeque<long[]> counts = new ArrayDeque<>();
  private long inWindow;

  Throughput(LongSupplier nanoClock) {
    this.clock = nanoClock;
    this.started = nanoClock.getAsLong();
  }

  synchronized void add(long records) {
    long now = clock.getAsLong();
    counts.addLast(new long[] {now, records});
    inWindow += records;
    drop(now);
  }

  /** Records per second over the last minute; empty during the first second. */
  synchronized OptionalDouble perSecond() {
    long now = clock.getAsLong();
    drop(now);
    long span = Math.min(WINDOW_NANOS, now - started);
    if (span < MIN_SPAN_NANOS) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(inWindow * 1e9 / span);
  }

  private void drop(long now) {
    while (!counts.isEmpty() && now - counts.peekFirst()[0] > WINDOW_NANOS) {
      inWindow -= counts.removeFirst()[1];
    }
  }
}
