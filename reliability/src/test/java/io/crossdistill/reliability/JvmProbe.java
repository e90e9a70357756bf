package io.crossdistill.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service JVM's heap and threads as an operator reads them: a full GC requested with
 * {@code jcmd <pid> GC.run}, then the collector's heap summary ({@code jcmd <pid> GC.heap_info}: used,
 * less eden), and {@code jvm_threads_live_threads} from {@code /q/metrics}.
 */
final class JvmProbe {

  private static final Pattern HEAP_USED = Pattern.compile("garbage-first heap\\s+total \\d+K, used (\\d+)K");
  private static final Pattern YOUNG = Pattern.compile("(\\d+) young \\((\\d+)K\\), (\\d+) survivors \\((\\d+)K\\)");
  private static final Pattern THREADS = Pattern.compile("^jvm_threads_live_threads(?:\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);

  private JvmProbe() {
  }

  /**
   * Heap in use right after a full GC, in MB, without the young generation's eden: traffic that goes on
   * refills eden between the GC and the metrics read, while the other pools then hold what survived.
   */
  static double heapAfterGcMb(ServiceProcess service, Http http) {
    runGc(service.pid());
    // the collector's own account right after the GC, not /q/metrics: a scrape of many series allocates
    // large buffers of its own while it reads the pools, and those were counted as heap in use
    String info = jcmd(service.pid(), "GC.heap_info");
    Matcher used = HEAP_USED.matcher(info);
    Matcher young = YOUNG.matcher(info);
    if (!used.find() || !young.find()) {
      throw new IllegalStateException("no G1 heap summary in jcmd GC.heap_info: " + info);
    }
    double usedKb = Double.parseDouble(used.group(1));
    double edenKb = Double.parseDouble(young.group(2)) - Double.parseDouble(young.group(4));
    return (usedKb - edenKb) / 1024;
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
    jcmd(pid, "GC.run");
  }

  /** Runs one jcmd command against the service JVM; its output. */
  private static String jcmd(long pid, String command) {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    try {
      Process process = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + new String(out));
      }
      return new String(out, java.nio.charset.StandardCharsets.UTF_8);
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
