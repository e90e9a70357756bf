package io.crossdistill.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crossdistill.teacher.rest.Fixtures;
import io.crossdistill.teacher.stream.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Soak: mixed traffic for {@code crossdistill.reliability.soak-seconds} (45 in CI; {@code reliability/soak.sh
 * --minutes 10} for the long run) — REST clients ({@link SoakTraffic}), a backfill after another, and the
 * Kafka label stream fed by a producer (a real in-process KRaft broker). Zero errors; every streamed
 * example labelled or dead-lettered exactly once; the heap after a full GC sampled throughout, its trend
 * reported, and its growth after warm-up bounded.
 */
class SoakTest {

  private static final int CLIENTS = 3;
  private static final int STREAM_BATCH = 100;
  /** A team's backfills come now and then, not back to back: each one adds a job and a label set to what is kept. */
  private static final long BACKFILL_PAUSE_MILLIS = 3_000;
  /** Most the heap after GC may grow from the end of warm-up to the end of the run. */
  private static final double MAX_GROWTH_MB = 8;
  private static final Schema LISTEN = new Schema.Parser().parse(Fixtures.LISTEN_SCHEMA);

  private record Sample(double minutes, double heapMb, int threads) {
  }

  @Test
  void mixedTraffic_hasNoErrors_streamsExactlyOnce_andAFlatHeap() throws Exception {
    long seconds = Long.getLong("crossdistill.reliability.soak-seconds", 45);
    SharedService shared = SharedService.get();
    Http http = shared.http();
    await().atMost(Duration.ofMinutes(2)).until(() ->
        http.get("/api/v1/streams", Teams.MUSIC).expect(200).json().path(0).path("state").asText().equals("RUNNING"));
    run(shared.service(), http, shared.bootstrapServers(), seconds);
  }

  private static void run(ServiceProcess service, Http http, String bootstrap, long seconds) throws Exception {
    SoakTraffic traffic = new SoakTraffic(http);
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger streamed = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      long seed = c;
      threads.add(new Thread(() -> {
        Random random = new Random(seed);
        while (running.get()) {
          traffic.act(random);
        }
      }, "soak-client-" + c));
    }
    threads.add(new Thread(() -> {
      for (int b = 0; running.get(); b++) {
        String file = "soak-" + b + ".avro";
        MusicTeam.writeListens(service.inputs().resolve(file), 400 + b, 25);
        traffic.run("backfill (submit, await SUCCEEDED)", () -> {
          var job = Backfills.awaitEnd(http, Backfills.submit(http, MusicTeam.backfillBody(file, Map.of("batchRows", 64))));
          if (!job.path("state").asText().equals("SUCCEEDED")) {
            throw new AssertionError("backfill " + job.path("state").asText() + ": " + job.path("error").asText());
          }
        });
        sleep(BACKFILL_PAUSE_MILLIS);
      }
    }, "soak-backfills"));
    threads.add(new Thread(() -> {
      try (KafkaProducer<byte[], byte[]> producer = Topics.producer(bootstrap)) {
        while (running.get()) {
          int from = streamed.get();
          for (int i = from; i < from + STREAM_BATCH; i++) {
            producer.send(new ProducerRecord<>(SharedService.EXAMPLES, Topics.key("soak", i), listen(i)));
          }
          producer.flush();
          streamed.addAndGet(STREAM_BATCH);
          sleep(1_000);
        }
      }
    }, "soak-stream-producer"));
    threads.forEach(Thread::start);

    List<Sample> samples = new ArrayList<>();
    long start = System.nanoTime();
    long interval = Math.max(5, seconds / 30) * 1_000;
    while (System.nanoTime() - start < seconds * 1_000_000_000L) {
      samples.add(new Sample((System.nanoTime() - start) / 60e9, JvmProbe.heapAfterGcMb(service, http),
          JvmProbe.liveThreads(http)));
      sleep(interval);
    }
    running.set(false);
    for (Thread thread : threads) {
      thread.join(300_000);
    }
    samples.add(new Sample((System.nanoTime() - start) / 60e9, JvmProbe.heapAfterGcMb(service, http),
        JvmProbe.liveThreads(http)));

    int produced = streamed.get();
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() ->
        http.get("/api/v1/streams", Teams.MUSIC).expect(200).json().path(0).path("records").asLong() >= produced);
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>(Topics.readAll(bootstrap, SharedService.LABELS));
    out.addAll(Topics.readAll(bootstrap, SharedService.DEAD_LETTERS));
    Set<String> keys = new HashSet<>();
    out.forEach(r -> keys.add(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8)));

    report(seconds, traffic, produced, out.size(), keys.size(), samples);
    System.out.println("kept at the end (grows by design): "
        + http.get("/api/v1/mappings/" + MusicTeam.MAPPING + "/versions", Teams.MUSIC).expect(200).json().size()
        + " mapping versions, " + http.get("/api/v1/backfills", Teams.MUSIC).expect(200).json().size() + " backfill jobs, "
        + http.get("/api/v1/label-sets", Teams.MUSIC).expect(200).json().size() + " label sets");
    assertThat(traffic.errors()).as("errors; first of each: " + traffic.firstErrors()).isEmpty();
    assertThat(out).as("labels + dead letters of the stream").hasSize(produced);
    assertThat(keys).as("distinct example keys labelled").hasSize(produced);
    assertThat(growthAfterWarmUp(samples)).as("heap growth after warm-up, MB").isLessThanOrEqualTo(MAX_GROWTH_MB);
  }

  private static void report(long seconds, SoakTraffic traffic, int produced, int streamedOut, int distinct,
      List<Sample> samples) {
    ResultTable table = new ResultTable("Soak: " + seconds + " s of mixed traffic (" + CLIENTS
        + " REST clients, a backfill every few seconds, the Kafka label stream)", "traffic", "requests", "errors", "held");
    traffic.done().forEach((action, count) -> {
      long errors = traffic.errors().getOrDefault(action, 0L);
      table.row(action, count, errors, errors == 0 ? "yes" : "NO");
    });
    table.row("stream: examples produced → labels + dead letters (distinct keys)", produced,
        streamedOut + " (" + distinct + ")", streamedOut == produced && distinct == produced ? "yes" : "NO");
    table.print();
    ResultTable heap = new ResultTable("Soak: heap after a full GC (jcmd GC.run; old + survivor) and live threads", "minute", "heap MB",
        "threads");
    samples.forEach(s -> heap.row(f(s.minutes(), 2), f(s.heapMb(), 1), s.threads()));
    heap.print();
    List<Sample> steady = afterWarmUp(samples);
    double slope = JvmProbe.slope(steady.stream().mapToDouble(Sample::minutes).toArray(),
        steady.stream().mapToDouble(Sample::heapMb).toArray());
    System.out.println("heap trend after warm-up (" + steady.size() + " samples): " + f(slope, 2) + " MB/min; growth "
        + f(growthAfterWarmUp(samples), 1) + " MB (bound " + f(MAX_GROWTH_MB, 0) + " MB)");
  }

  /** The samples after the first third of the run (class loading, JIT, pools and caches filling). */
  private static List<Sample> afterWarmUp(List<Sample> samples) {
    return samples.subList(samples.size() / 3, samples.size());
  }

  /** Heap growth from the end of warm-up to the lowest of the last three samples (one GC can leave garbage). */
  private static double growthAfterWarmUp(List<Sample> samples) {
    List<Sample> steady = afterWarmUp(samples);
    double end = steady.subList(Math.max(0, steady.size() - 3), steady.size()).stream().mapToDouble(Sample::heapMb)
        .min().orElseThrow();
    return end - steady.get(0).heapMb();
  }

  /** A listen record in Avro binary; every 20th has NaN minutes (the mapping refuses it: a dead letter). */
  private static byte[] listen(int i) {
    GenericRecord record = new GenericData.Record(LISTEN);
    record.put("id", "soak-" + i);
    record.put("listen_minutes", i % 20 == 19 ? Double.NaN : 0.5 * (i % 13));
    record.put("genre", i % 2 == 0 ? "rock" : "pop");
    return Fixtures.avroBinary(record);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String f(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }
}
