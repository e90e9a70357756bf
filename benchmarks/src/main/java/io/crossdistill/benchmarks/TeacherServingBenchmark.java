package io.crossdistill.benchmarks;

import io.crossdistill.models.MultiTaskModel;
import io.crossdistill.models.TeacherArtifact;
import io.crossdistill.models.TeacherRuntime;
import io.crossdistill.schemas.TeacherInputBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * End-to-end serving benchmark: {@code callers} threads each send one-row requests to a
 * {@link TeacherRuntime} in a closed loop; prints p50/p99 latency, requests per second and rows per
 * forward pass for 1, 8 and 64 callers, after the FLOPs per example of the three teacher sizes.
 *
 * <pre>java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -cp benchmarks/target/benchmarks.jar \
 *     io.crossdistill.benchmarks.TeacherServingBenchmark [SIZE] [seconds] [maxWaitMicros, default 200]</pre>
 */
public final class TeacherServingBenchmark {

  private TeacherServingBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    TeacherSizes size = TeacherSizes.valueOf(args.length > 0 ? args[0] : "MEDIUM");
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
    long maxWaitMicros = args.length > 2 ? Long.parseLong(args[2]) : 200; // the runtime's default window
    System.out.println("load average at start: " + loadAverage());
    System.out.println("teacher sizes (FLOPs per example = 2 × multiply-adds of trunk and heads):");
    for (TeacherSizes s : TeacherSizes.values()) {
      System.out.printf(Locale.ROOT, "  %-6s embedding %3d, widths %-18s %,12d parameters %,12d FLOPs/example%n", s,
          s.embedding, s.widths, s.config().parameterCount(), s.flopsPerExample());
    }
    Path dir = Files.createTempDirectory("serving-bench");
    try (MultiTaskModel model = size.model()) {
      TeacherArtifact.write(dir, model, TeacherSizes.signature(""));
    }
    System.out.printf(Locale.ROOT, "%nmicro-batched one-row requests, %s teacher, %d lanes, window %d µs, %.0f s per row:%n",
        size, Runtime.getRuntime().availableProcessors(), maxWaitMicros, seconds);
    System.out.printf(Locale.ROOT, "%8s %10s %10s %12s %14s%n", "callers", "p50 ms", "p99 ms", "requests/s", "rows per pass");
    for (int callers : new int[] {1, 8, 64}) {
      try (TeacherRuntime runtime = TeacherRuntime.builder().optMaxWait(Duration.ofNanos(maxWaitMicros * 1000))
          .build(io.crossdistill.models.Teacher.open(dir))) {
        run(runtime, callers, 1.0); // warm-up
        long passes0 = runtime.forwardPasses();
        long requests0 = runtime.requests();
        long[] latencies = run(runtime, callers, seconds);
        double passes = runtime.forwardPasses() - passes0;
        double requests = runtime.requests() - requests0;
        Arrays.sort(latencies);
        System.out.printf(Locale.ROOT, "%8d %10.3f %10.3f %,12.0f %14.1f%n", callers,
            latencies[latencies.length / 2] / 1e6, latencies[(int) (latencies.length * 0.99)] / 1e6,
            latencies.length / seconds, requests / passes);
      }
    }
    deleteRecursively(dir);
    System.out.println("load average at end: " + loadAverage());
  }

  /** The 1, 5 and 15 minute load averages, so a figure says how busy the machine was. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static long[] run(TeacherRuntime runtime, int callers, double seconds) throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch done = new CountDownLatch(callers);
    List<long[]> perCaller = new ArrayList<>();
    List<int[]> counts = new ArrayList<>();
    for (int c = 0; c < callers; c++) {
      long[] samples = new long[2_000_000 / callers + 1000];
      int[] count = {0};
      perCaller.add(samples);
      counts.add(count);
      long seed = c;
      Thread thread = new Thread(() -> {
        TeacherInputBatch batch = TeacherSizes.randomBatch(runtime.layout(), 1, seed);
        float[] out = new float[runtime.headCount()];
        while (!stop.get() && count[0] < samples.length) {
          long t0 = System.nanoTime();
          runtime.predict(batch, out);
          samples[count[0]++] = System.nanoTime() - t0;
        }
        done.countDown();
      });
      thread.setDaemon(true);
      thread.start();
    }
    Thread.sleep((long) (seconds * 1000)); // the measurement window of a benchmark, not a test
    stop.set(true);
    done.await();
    int total = counts.stream().mapToInt(c -> c[0]).sum();
    long[] all = new long[total];
    int at = 0;
    for (int c = 0; c < callers; c++) {
      System.arraycopy(perCaller.get(c), 0, all, at, counts.get(c)[0]);
      at += counts.get(c)[0];
    }
    return all;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
