package io.crossdistill.teacher.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.function.ToDoubleFunction;

/**
 * The service's own meters, exported at {@code /q/metrics}: labels produced, records refused, teacher
 * forward time (histogram), backfill records, dead letters, jobs by state and teacher time saved by
 * reused label sets, and latency histograms for HTTP requests. Cache meters come from
 * {@link io.crossdistill.teacher.labels.TeacherOutputCache}.
 */
@ApplicationScoped
public class ServiceMetrics {

  private final Counter labelsProduced;
  private final Counter recordsRefused;
  private final Timer teacherForward;
  private final Counter teacherRows;
  private final Counter backfillLabels;
  private final Counter backfillDeadLetters;
  private final Counter teacherSecondsSaved;
  private final MeterRegistry meters;

  @Inject
  public ServiceMetrics(MeterRegistry meters) {
    this.meters = meters;
    this.labelsProduced = Counter.builder("crossdistill.labels.produced")
        .description("aligned label records returned").register(meters);
    this.recordsRefused = Counter.builder("crossdistill.records.refused")
        .description("records refused in label requests (decode or mapping errors)").register(meters);
    this.teacherForward = Timer.builder("crossdistill.teacher.forward")
        .description("time of one teacher forward pass over a batch").register(meters);
    this.teacherRows = Counter.builder("crossdistill.teacher.rows")
        .description("rows scored by the teacher (cache misses)").register(meters);
    this.backfillLabels = Counter.builder("crossdistill.backfill.labels")
        .description("records labelled by backfill jobs").register(meters);
    this.backfillDeadLetters = Counter.builder("crossdistill.backfill.dead.letters")
        .description("records backfill jobs sent to dead letters").register(meters);
    this.teacherSecondsSaved = Counter.builder("crossdistill.backfill.teacher.seconds.saved")
        .description("teacher time not spent because a backfill found its label set made already").register(meters);
  }

  /** Records labelled and dead-lettered by a backfill since its last report. */
  public void backfilled(long labels, long deadLetters) {
    backfillLabels.increment(labels);
    backfillDeadLetters.increment(deadLetters);
  }

  /** A backfill reused a label set that cost {@code teacherSeconds} to make. */
  public void teacherSecondsSaved(double teacherSeconds) {
    teacherSecondsSaved.increment(teacherSeconds);
  }

  /** Gauges {@code crossdistill.backfill.jobs{state=...}}: jobs known in each state. */
  public void backfillJobs(Iterable<String> states, ToDoubleFunction<String> jobsIn) {
    for (String state : states) {
      Gauge.builder("crossdistill.backfill.jobs", () -> jobsIn.applyAsDouble(state))
          .tag("state", state).description("backfill jobs by state").register(meters);
    }
  }

  public void labelsProduced(int n) {
    labelsProduced.increment(n);
  }

  public void recordsRefused(int n) {
    recordsRefused.increment(n);
  }

  public void teacherForward(long nanos, int rows) {
    teacherForward.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    teacherRows.increment(rows);
  }

  /** Latency histograms (Prometheus buckets) for HTTP requests and crossdistill timers. */
  @Produces
  @Singleton
  MeterFilter histograms() {
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (id.getName().startsWith("http.server.requests") || id.getName().startsWith("crossdistill.")) {
          return DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config);
        }
        return config;
      }
    };
  }
}
