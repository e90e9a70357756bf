package io.crossdistill.teacher.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.crossdistill.labelling.LabelStream;
import io.crossdistill.labelling.LabelTopics;
import io.crossdistill.labelling.ServingTeacher;
import io.crossdistill.models.ModelException;
import io.crossdistill.models.TeacherRuntime;
import io.crossdistill.teacher.TeacherFixture;
import io.crossdistill.teacher.registry.InProcessKafka;
import io.crossdistill.v1.AlignedLabel;
import io.crossdistill.v1.DeadLetter;
import io.crossdistill.v1.TeacherSignature;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once label streams against a real in-process KRaft broker and real DJL teachers: every input
 * key lands exactly once in the labels or the dead letters, read as {@code read_committed}, through a
 * broker restart mid-transaction, an instance joining and leaving the group, and a teacher switch.
 */
class LabelStreamFaultTest {

  private static final Duration WAIT = Duration.ofSeconds(90);
  /** Client timeouts short enough that a broker outage fails a transaction in seconds, not minutes. */
  private static final Map<String, String> FAST_FAILURE = Map.of(
      "producer.max.block.ms", "2000", "producer.request.timeout.ms", "1500", "producer.delivery.timeout.ms", "2000",
      "producer.transaction.timeout.ms", "20000", "consumer.default.api.timeout.ms", "5000",
      "consumer.request.timeout.ms", "3000", "consumer.heartbeat.interval.ms", "300", "reconnect.backoff.max.ms", "200");

  @TempDir
  static Path dir;
  private static InProcessKafka kafka;
  private static Path teacherA;
  private static Path teacherB;
  private static TeacherSignature signatureA;
  private static TeacherSignature signatureB;
  private static final AtomicInteger TOPICS = new AtomicInteger();

  private final List<LabelStream> streams = new ArrayList<>();
  private ServingTeacher serving;
  private String input;

  @BeforeAll
  static void startBrokerAndWriteTeachers() throws Exception {
    kafka = InProcessKafka.start();
    teacherA = dir.resolve("teacher-a");
    teacherB = dir.resolve("teacher-b");
    signatureA = TeacherFixture.write(teacherA, 7);
    signatureB = TeacherFixture.write(teacherB, 11);
    assertThat(signatureA.getContentHash()).isNotEqualTo(signatureB.getContentHash());
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @BeforeEach
  void topicsAndTeacher() throws ModelException {
    input = "examples-" + TOPICS.incrementAndGet();
    Topics.create(kafka.bootstrapServers(), input, 4);
    Topics.create(kafka.bootstrapServers(), input + "-labels", 3);
    Topics.create(kafka.bootstrapServers(), input + "-dead", 1);
    serving = new ServingTeacher();
    serving.serve(TeacherRuntime.open(teacherA), teacherA);
  }

  @AfterEach
  void closeStreams() {
    streams.forEach(LabelStream::close);
    serving.close();
  }

  @Test
  void stream_examplesWithBadRecords_everyKeyExactlyOnceInLabelsOrDeadLetters() {
    int n = 1500;
    Topics.produce(kafka.bootstrapServers(), input, "k", 0, n, LabelStreamFaultTest::example);
    LabelStream stream = start("solo", null);

    await().atMost(WAIT).until(() -> stream.stats().records() == n);
    stream.close();

    Outcome out = Outcome.read(input);
    out.assertExactlyOnce(keys("k", 0, n));
    long unreadable = IntStream.range(0, n).filter(LabelStreamFaultTest::unreadable).count();
    long unmappable = IntStream.range(0, n).filter(i -> i % 50 == 13).count();
    assertThat(out.deadLetters).hasSize((int) (unreadable + unmappable));
    assertThat(out.labels).hasSize((int) (n - unreadable - unmappable));
    LabelStream.Stats stats = stream.stats();
    assertThat(stats.state()).isEqualTo(LabelStream.State.STOPPED);
    assertThat(stats.labels()).isEqualTo(out.labels.size());
    assertThat(stats.deadLetters()).isEqualTo(out.deadLetters.size());
    assertThat(stats.transactions()).isGreaterThanOrEqualTo(n / 250);
    assertThat(stats.aborts()).isZero();
    assertThat(stats.teacherHash()).contains(signatureA.getContentHash());

    AlignedLabel label = out.labels.get("k-42");
    assertThat(label.getExampleId()).isEqualTo("ex-42");
    assertThat(label.getLabels()).extracting(l -> l.getTask()).containsExactly("listen", "listen_time", "continue");
    assertThat(label.getProvenance().getTeacherHash()).isEqualTo(signatureA.getContentHash());
    assertThat(label.getProvenance().getMappingName()).isEqualTo(StreamFixture.MAPPING_NAME);
    assertThat(label.getProvenance().getAlignmentName()).isEqualTo(StreamFixture.ALIGNMENT_NAME);
    assertThat(label.getProvenance().getAlignmentVersion()).isEqualTo(1);
    assertThat(label.getProvenance().getProducer()).isEqualTo("crossdistill-test");
    assertThat(label.getProvenance().getInputDataHash()).hasSize(64);

    DeadLetter read = out.deadLetters.get("k-7");
    assertThat(read.getStage()).isEqualTo("read");
    assertThat(read.getRecordId()).startsWith(input + "-").contains("@");
    assertThat(bytes(read.getPayload())).isEqualTo(example(7));
    assertThat(out.deadLetters.get("k-57").getErrors()).anyMatch(e -> e.contains("bytes are left"));
    DeadLetter mapped = out.deadLetters.get("k-13");
    assertThat(mapped.getStage()).isEqualTo("map");
    assertThat(mapped.getRecordId()).isEqualTo("ex-13");
    assertThat(mapped.getErrors()).anyMatch(e -> e.contains("listen_minutes"));
  }

  @Test
  void brokerRestart_whileATransactionIsOpen_nothingLostNothingDuplicated() throws Exception {
    int n = 2000;
    Topics.produce(kafka.bootstrapServers(), input, "k", 0, n / 2, LabelStreamFaultTest::example);
    CountDownLatch inFlight = new CountDownLatch(1);
    CountDownLatch brokerDown = new CountDownLatch(1);
    AtomicInteger committed = new AtomicInteger();
    AtomicBoolean armed = new AtomicBoolean(true);
    LabelStream stream = start("solo", new LabelStream.Listener() {
      @Override
      public void committing(LabelStream.Batch batch) {
        // the third transaction is open, its labels sent and its offsets added, when the broker goes down
        if (committed.get() == 2 && armed.compareAndSet(true, false)) {
          inFlight.countDown();
          awaitQuietly(brokerDown);
        }
      }

      @Override
      public void committed(LabelStream.Batch batch) {
        committed.incrementAndGet();
      }
    });

    assertThat(inFlight.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    kafka.shutdown();
    brokerDown.countDown();
    // the transaction cannot complete: its commit times out (and is retried) or its sends fail (and it is
    // aborted, then labelled again), depending on which the client notices first
    await().atMost(WAIT).until(() -> stream.stats().state() == LabelStream.State.RECOVERING);
    assertThat(stream.stats().lastError()).isPresent();
    assertThat(stream.stats().records()).isLessThan(n / 2);
    kafka.restart();
    Topics.produce(kafka.bootstrapServers(), input, "k", n / 2, n / 2, LabelStreamFaultTest::example);

    await().atMost(WAIT).until(() -> stream.stats().records() == n);
    assertThat(stream.stats().state()).isEqualTo(LabelStream.State.RUNNING);
    stream.close();
    Outcome out = Outcome.read(input);
    out.assertExactlyOnce(keys("k", 0, n));
    assertThat(out.labels.size() + out.deadLetters.size()).isEqualTo(n);
    assertThat(stream.stats().labels()).isEqualTo(out.labels.size());
  }

  @Test
  void secondInstance_joinsAndLeavesTheGroup_noDuplicatesUnderReadCommitted() {
    int third = 500;
    Topics.produce(kafka.bootstrapServers(), input, "k", 0, 2 * third, LabelStreamFaultTest::example);
    LabelStream first = start("first", null);
    await().atMost(WAIT).until(() -> first.stats().records() > 0);

    LabelStream second = start("second", null);
    await().atMost(WAIT).until(() -> !second.stats().partitions().isEmpty());
    Topics.produce(kafka.bootstrapServers(), input, "k", 2 * third, third, LabelStreamFaultTest::example);
    await().atMost(WAIT).until(() -> first.stats().records() + second.stats().records() == 3L * third);
    assertThat(second.stats().records()).isPositive();
    assertThat(first.stats().partitions()).doesNotContainAnyElementsOf(second.stats().partitions());

    second.close();
    await().atMost(WAIT).until(() -> first.stats().partitions().size() == 4);
    Topics.produce(kafka.bootstrapServers(), input, "k", 3 * third, third, LabelStreamFaultTest::example);
    await().atMost(WAIT).until(() -> first.stats().records() + second.stats().records() == 4L * third);
    first.close();

    Outcome out = Outcome.read(input);
    out.assertExactlyOnce(keys("k", 0, 4 * third));
    assertThat(first.stats().labels() + second.stats().labels()).isEqualTo(out.labels.size());
    assertThat(first.stats().transactionalId()).isNotEqualTo(second.stats().transactionalId());
  }

  @Test
  void teacherSwitch_midStream_labelsBeforeCarryHashA_afterCarryHashB() throws ModelException {
    int half = 500;
    Topics.produce(kafka.bootstrapServers(), input, "k", 0, half, LabelStreamFaultTest::example);
    LabelStream stream = start("solo", null);
    await().atMost(WAIT).until(() -> stream.stats().records() == half);

    serving.serve(TeacherRuntime.open(teacherB), teacherB);
    Topics.produce(kafka.bootstrapServers(), input, "k", half, half, LabelStreamFaultTest::example);
    await().atMost(WAIT).until(() -> stream.stats().records() == 2L * half);
    assertThat(stream.stats().teacherHash()).contains(signatureB.getContentHash());
    stream.close();

    Outcome out = Outcome.read(input);
    out.assertExactlyOnce(keys("k", 0, 2 * half));
    Map<String, String> hashes = new HashMap<>();
    out.labels.forEach((key, label) -> hashes.put(key, label.getProvenance().getTeacherHash()));
    assertThat(out.labels.keySet().stream().filter(k -> index(k) < half).map(hashes::get).distinct())
        .containsExactly(signatureA.getContentHash());
    assertThat(out.labels.keySet().stream().filter(k -> index(k) >= half).map(hashes::get).distinct())
        .containsExactly(signatureB.getContentHash());
    // another version answers: other weights, other values for the same example
    AlignedLabel before = out.labels.get("k-1");
    AlignedLabel after = out.labels.get("k-" + (half + 1));
    assertThat(before.getLabels().get(0).getValue()).isNotEqualTo(after.getLabels().get(0).getValue());
  }

  private LabelStream start(String instance, LabelStream.Listener listener) {
    LabelStream.Builder builder = LabelStream.builder()
        .setBootstrapServers(kafka.bootstrapServers())
        .setInputTopic(input).setOutputTopic(input + "-labels").setDeadLetterTopic(input + "-dead")
        .setGroupId(input + "-labeller").setInstanceId(instance)
        .setTeacher(serving::lease).setPaths(lease -> StreamFixture.path(lease.signature())).setRun(StreamFixture.RUN)
        .optMaxPollRecords(250).optClientProperties(FAST_FAILURE).optMaxBackoff(Duration.ofMillis(500));
    if (listener != null) {
      builder.optListener(listener);
    }
    LabelStream stream = builder.build();
    streams.add(stream);
    stream.start();
    return stream;
  }

  /** Example {@code i}: every 50th from 7 unreadable (garbage, empty, trailing bytes), from 13 unmappable. */
  static byte[] example(int i) {
    if (i % 150 == 7) {
      return new byte[] {2, 'a'};
    }
    if (i % 150 == 107) {
      return new byte[0];
    }
    byte[] valid = StreamFixture.listen("ex-" + i, i % 50 == 13 ? null : (i % 9) * 0.5, i % 2 == 0 ? "rock" : "jazz");
    if (i % 150 == 57) {
      byte[] longer = Arrays.copyOf(valid, valid.length + 3);
      longer[valid.length] = 1;
      return longer;
    }
    return valid;
  }

  private static boolean unreadable(int i) {
    return i % 50 == 7;
  }

  private static Set<String> keys(String prefix, int from, int to) {
    Set<String> keys = new HashSet<>();
    for (int i = from; i < to; i++) {
      keys.add(prefix + "-" + i);
    }
    return keys;
  }

  private static int index(String key) {
    return Integer.parseInt(key.substring(key.indexOf('-') + 1));
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The labels and dead letters of a stream's output topics, by input key, each key's records counted. */
  private static final class Outcome {
    final Map<String, AlignedLabel> labels = new HashMap<>();
    final Map<String, DeadLetter> deadLetters = new HashMap<>();
    final List<String> labelKeys = new ArrayList<>();
    final List<String> deadLetterKeys = new ArrayList<>();

    static Outcome read(String input) {
      Outcome out = new Outcome();
      for (ConsumerRecord<byte[], byte[]> r : Topics.readAll(kafka.bootstrapServers(), input + "-labels")) {
        assertThat(LabelTopics.fingerprint(r.headers())).hasValue(LabelTopics.labelFingerprint());
        String key = new String(r.key(), StandardCharsets.UTF_8);
        out.labelKeys.add(key);
        out.labels.put(key, LabelTopics.decodeLabel(r.value()));
      }
      for (ConsumerRecord<byte[], byte[]> r : Topics.readAll(kafka.bootstrapServers(), input + "-dead")) {
        assertThat(LabelTopics.fingerprint(r.headers())).hasValue(LabelTopics.deadLetterFingerprint());
        String key = new String(r.key(), StandardCharsets.UTF_8);
        out.deadLetterKeys.add(key);
        out.deadLetters.put(key, LabelTopics.decodeDeadLetter(r.value()));
      }
      return out;
    }

    void assertExactlyOnce(Set<String> inputKeys) {
      assertThat(labelKeys).doesNotHaveDuplicates();
      assertThat(deadLetterKeys).doesNotHaveDuplicates();
      assertThat(labels.keySet()).doesNotContainAnyElementsOf(deadLetters.keySet());
      Set<String> all = new HashSet<>(labels.keySet());
      all.addAll(deadLetters.keySet());
      assertThat(all).isEqualTo(inputKeys);
    }
  }
}
