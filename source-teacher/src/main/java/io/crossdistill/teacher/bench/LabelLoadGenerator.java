package io.crossdistill.teacher.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded load generator for {@code POST /api/v1/labels} on loopback: a fixed number of closed-loop
 * clients (each sends its next request when the last one answered) for a fixed duration after a
 * warm-up, printing throughput and p50 / p99 / p99.9 latency. JDK only, so it runs from the module's
 * classes: {@code java -cp source-teacher/target/classes io.crossdistill.teacher.bench.LabelLoadGenerator
 * --records records.jsonl --mapping m --alignment a --key KEY --batch 1 --cache on}.
 *
 * <p>With {@code --rate R} the clients are paced open-loop at R requests/s in all: each request has an
 * intended send time, and its latency is counted from that time, so a stalled service is charged for
 * the requests it delayed (no coordinated omission).
 *
 * <p>Records come from a JSON-lines file (one target record per line); request {@code i} of a client
 * takes the next {@code batch} lines, cycling, so with the cache on, repeated rows hit it.
 */
public final class LabelLoadGenerator {

  private LabelLoadGenerator() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    String url = options.getOrDefault("url", "http://127.0.0.1:8080") + "/api/v1/labels?cache="
        + ("off".equals(options.getOrDefault("cache", "on")) ? "false" : "true");
    String key = require(options, "key");
    int batch = Integer.parseInt(options.getOrDefault("batch", "1"));
    int clients = Integer.parseInt(options.getOrDefault("clients", "16"));
    Duration warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "5")));
    Duration measure = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "20")));
    double rate = Double.parseDouble(options.getOrDefault("rate", "0"));
    long interval = rate > 0 ? (long) (clients * 1e9 / rate) : 0;
    List<String> records = Files.readAllLines(Path.of(require(options, "records")), StandardCharsets.UTF_8).stream()
        .filter(l -> !l.isBlank()).toList();
    String prefix = "{\"mapping\": \"" + require(options, "mapping") + "\", \"alignment\": \""
        + require(options, "alignment") + "\", \"records\": [";

    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    long[][] latencies = new long[clients][];
    AtomicLong failures = new AtomicLong();
    long start = System.nanoTime();
    long measureFrom = start + warmup.toNanos();
    long end = measureFrom + measure.toNanos();
    CountDownLatch done = new CountDownLatch(clients);
    for (int c = 0; c < clients; c++) {
      int client = c;
      Thread thread = new Thread(() -> {
        long[] own = new long[1 << 16];
        int n = 0;
        int next = client * 7919;
        long intended = start + (interval * client) / clients;
        try {
          while (true) {
            if (interval > 0) {
              intended += interval;
              long wait = intended - System.nanoTime();
              if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
              }
            }
            StringBuilder body = new StringBuilder(prefix);
            for (int i = 0; i < batch; i++) {
              body.append(i == 0 ? "" : ",").append(records.get(Math.floorMod(next++, records.size())));
            }
            body.append("]}");
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").header("X-Api-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
            long t0 = interval > 0 ? intended : System.nanoTime();
            if (t0 >= end) {
              break;
            }
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            long t1 = System.nanoTime();
            if (response.statusCode() != 200) {
              failures.incrementAndGet();
            } else if (t0 >= measureFrom) {
              if (n == own.length) {
                own = Arrays.copyOf(own, own.length * 2);
              }
              own[n++] = t1 - t0;
            }
          }
        } catch (IOException e) {
          failures.incrementAndGet();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          latencies[client] = Arrays.copyOf(own, n);
          done.countDown();
        }
      }, "load-client-" + c);
      thread.start();
    }
    done.await();
    long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
    double seconds = measure.toNanos() / 1e9;
    System.out.printf(Locale.ROOT, "batch=%d clients=%d cache=%s rate=%s duration=%.0fs requests=%d failures=%d%n",
        batch, clients, options.getOrDefault("cache", "on"), rate > 0 ? String.format(Locale.ROOT, "%.0f/s", rate) : "closed-loop",
        seconds, all.length, failures.get());
    System.out.printf(Locale.ROOT, "throughput: %.0f requests/s, %.0f records/s%n", all.length / seconds,
        all.length * (double) batch / seconds);
    System.out.printf(Locale.ROOT, "latency ms: p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
        percentile(all, 0.50), percentile(all, 0.99), percentile(all, 0.999), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    if (failures.get() > 0) {
      System.exit(1);
    }
  }

  private static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }

  private static String require(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    List<String> rest = new ArrayList<>(List.of(args));
    for (int i = 0; i + 1 < rest.size(); i += 2) {
      if (!rest.get(i).startsWith("--")) {
        throw new IllegalArgumentException("expected --option value, got " + rest.get(i));
      }
      options.put(rest.get(i).substring(2), rest.get(i + 1));
    }
    return options;
  }
}
