package io.crossdistill.labelling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThroughputTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void rate_isTheLastMinutesCountOverTheMinute_orOverTheTimeSinceTheStart() {
    AtomicLong now = new AtomicLong(5 * SECOND);
    Throughput throughput = new Throughput(now::get);
    assertThat(throughput.perSecond()).as("nothing to say in the first second").isEmpty();

    now.addAndGet(SECOND / 2);
    throughput.add(300);
    assertThat(throughput.perSecond()).isEmpty();

    now.addAndGet(3 * SECOND / 2); // 2 s after the start: 300 records
    assertThat(throughput.perSecond().getAsDouble()).isCloseTo(150.0, within(1e-9));

    now.addAndGet(60 * SECOND); // the 300 fell out of the window; nothing since
    assertThat(throughput.perSecond().getAsDouble()).isZero();

    throughput.add(1200);
    now.addAndGet(30 * SECOND);
    throughput.add(600);
    assertThat(throughput.perSecond().getAsDouble()).as("1800 records in the last 60 s")
        .isCloseTo(30.0, within(1e-9));
  }
}
