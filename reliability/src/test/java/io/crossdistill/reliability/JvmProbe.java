package io.crossdistill.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service JVM's heap and threads as an operator reads them: a full GC requested with
 * {@code jcmd <pid> GC.run}, then {@code jvm_memory_used_bytes{area="heap"}} (summed over the pools but
 * eden) and
 * {@code jvm_threads_live_threads} from {@code /q/metrics}.
 */
final class JvmProbe {

  private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{area=\"heap\",id=\"([^\"]*)\"} (\\S+)$",
      Pattern.MULTILINE);
  private static final Pattern THREADS = Pattern.compile("^jvm_threads_live_threads(?:\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);

  private JvmProbe() {
  }

  /**
   * Heap in use right after a full GC, in MB, without the young generation's eden: traffic that goes on
   * refills eden between the GC and the metrics read, while the other pools then hold what survived.
   */
  static double heapAfterGcMb(ServiceProcess service, Http http) {
    runGc(service.pid());
    Matcher heap = HEAP.matcher(metrics(http));
    double bytes = 0;
    int pools = 0;
    while (heap.find()) {
      pools++;
      if (!heap.group(1).contains("Eden")) {
        bytes += Double.parseDouble(heap.group(2));
      }
    }
    if (pools == 0) {
      throw new IllegalStateException("no jvm_memory_used_bytes{area=\"heap\"} in /q/metrics");
    }
    return bytes / (1024 * 1024);
  }

  static int liveThreads(Http http) {
    Matcher threads = THREADS.matcher(metrics(http));
    if (!threads.find()) {
      throw new IllegalStateException("no jvm_threads_live_threads in /q/metrics");
    }
    return (int) Double.parseDouble(threads.group(1));
  }

  private static String metrics(Http http) {
    return http.get("/q/metrics", Teams.OPS).expect(200).text();
  }

  private static void runGc(long pid) {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    try {
      Process process = new ProcessBuilder(jcmd, Long.toString(pid), "GC.run").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException("jcmd " + pid + " GC.run failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run jcmd", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Least-squares slope of {@code ys} over {@code xs}. */
  static double slope(double[] xs, double[] ys) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < xs.length; i++) {
      mx += xs[i] / xs.length;
      my += ys[i] / ys.length;
    }
    double num = 0;
    double den = 0;
    for (int i = 0; i < xs.length; i++) {
      num += (xs[i] - mx) * (ys[i] - my);
      den += (xs[i] - mx) * (xs[i] - mx);
    }
    return den == 0 ? 0 : num / den;
  }
}
