package io.crossdistill.teacher.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossdistill.labelling.Backfill;
import io.crossdistill.labelling.KafkaRecordSource;
import io.crossdistill.labelling.LabelPath;
import io.crossdistill.labelling.LabelStore;
import io.crossdistill.labelling.RecordSource;
import io.crossdistill.models.ModelException;
import io.crossdistill.models.TeacherRuntime;
import io.crossdistill.teacher.TeacherFixture;
import io.crossdistill.teacher.registry.InProcessKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kafka topic range as a backfill's input, against a real broker: committed records only, partition
 * by partition in offset order, unreadable values as items with their bytes, and an input hash that
 * names the range and its content.
 */
class KafkaRecordSourceTest {

  private static final String TOPIC = "range-examples";
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @TempDir
  static Path dir;
  private static InProcessKafka kafka;

  @BeforeAll
  static void topicWithAnAbortedTransaction() throws Exception {
    kafka = InProcessKafka.start();
    Topics.create(kafka.bootstrapServers(), TOPIC, 2);
    try (KafkaProducer<byte[], byte[]> producer = Topics.producer(kafka.bootstrapServers())) {
      for (int i = 0; i < 5; i++) {
        producer.send(record(0, "a" + i, StreamFixture.listen("a" + i, 1.5, "rock")));
      }
      for (int i = 0; i < 3; i++) {
        producer.send(record(1, "b" + i, StreamFixture.listen("b" + i, 2.0, "pop")));
      }
      producer.send(record(1, "b3", new byte[] {2, 'x'}));
      producer.flush();
    }
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "range-test");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> tx = new KafkaProducer<>(p)) {
      tx.initTransactions();
      tx.beginTransaction();
      for (int i = 0; i < 3; i++) {
        tx.send(record(0, "aborted" + i, StreamFixture.listen("aborted" + i, 1.0, "rock")));
      }
      tx.flush();
      tx.abortTransaction();
      tx.beginTransaction();
      tx.send(record(0, "a5", StreamFixture.listen("a5", 3.0, "jazz")));
      tx.commitTransaction();
    }
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void range_committedRecordsOnly_partitionByPartitionInOffsetOrder() {
    List<String> ids = new ArrayList<>();
    try (RecordSource source = open(List.of(new KafkaRecordSource.Range(1, 0, 4), new KafkaRecordSource.Range(0, 0, 10)))) {
      assertThat(source.size()).hasValue(10);
      assertThat(source.description()).isEqualTo("Kafka topic range-examples 0:[0,10) 1:[0,4)");
      for (RecordSource.Item item = source.next(); item != null; item = source.next()) {
        ids.add(item.record() == null ? item.key() : ((GenericRecord) item.record()).get("id").toString());
        if (item.record() == null) {
          assertThat(item.errors()).singleElement().asString().contains("com.music.Listen");
          assertThat(new String(item.payload(), StandardCharsets.ISO_8859_1)).isEqualTo("\u0002x");
        }
      }
      assertThat(source.next()).isNull();
    }
    assertThat(ids).containsExactly("a0", "a1", "a2", "a3", "a4", "a5", "b0", "b1", "b2", TOPIC + "-1@3");
  }

  @Test
  void inputHash_namesTheRangeAndItsContent() {
    String whole;
    try (RecordSource source = open(List.of(new KafkaRecordSource.Range(0, 0, 10)))) {
      whole = source.inputHash();
    }
    try (RecordSource again = open(List.of(new KafkaRecordSource.Range(0, 0, 10)));
        RecordSource shorter = open(List.of(new KafkaRecordSource.Range(0, 1, 10)))) {
      assertThat(again.inputHash()).isEqualTo(whole).hasSize(64);
      assertThat(shorter.inputHash()).isNotEqualTo(whole);
      assertThat(shorter.size()).hasValue(5);
    }
  }

  /** Partition 0 holds a0..a4 at 0-4, the aborted records at 5-7, the abort marker at 8, a5 at 9, its commit at 10. */
  @Test
  void rangesPastWhatThePartitionHolds_areRefusedAllAtOnce() {
    assertThatThrownBy(() -> open(List.of(new KafkaRecordSource.Range(0, 0, 99), new KafkaRecordSource.Range(5, 0, 1))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partition 5: topic range-examples has 2");
    assertThatThrownBy(() -> open(List.of(new KafkaRecordSource.Range(0, 0, 99), new KafkaRecordSource.Range(1, 0, 50))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("partition 0: to 99 is after the last stable offset 11")
        .hasMessageContaining("partition 1: to 50");
  }

  @Test
  void backfill_overATopicRange_labelsEveryRecordOrDeadLettersIt() throws ModelException {
    Path teacher = dir.resolve("teacher");
    TeacherFixture.write(teacher, 7);
    LabelStore store = new LabelStore(dir.resolve("store"));
    try (TeacherRuntime runtime = TeacherRuntime.open(teacher);
        RecordSource source = open(List.of(new KafkaRecordSource.Range(0, 0, 10), new KafkaRecordSource.Range(1, 0, 4)))) {
      LabelPath path = StreamFixture.path(runtime.signature());
      Backfill.Outcome outcome = Backfill.run(store, path, source, io.crossdistill.labelling.TeacherForward.of(runtime),
          StreamFixture.RUN, Backfill.Options.defaults(), new Backfill.Listener() { }, () -> false);
      var counts = outcome.set().manifest().counts();
      assertThat(counts.input()).isEqualTo(10);
      assertThat(counts.labels()).isEqualTo(9);
      assertThat(counts.deadLetters()).isEqualTo(1);
      assertThat(outcome.set().manifest().input()).contains("Kafka topic range-examples");
      List<String> dead = new ArrayList<>();
      outcome.set().forEachDeadLetter(d -> dead.add(d.getRecordId() + " " + d.getStage()));
      assertThat(dead).containsExactly(TOPIC + "-1@3 read");
    }
  }

  private static KafkaRecordSource open(List<KafkaRecordSource.Range> ranges) {
    return KafkaRecordSource.open(kafka.bootstrapServers(), TOPIC, ranges, StreamFixture.LISTEN, Map.of(), TIMEOUT);
  }

  private static ProducerRecord<byte[], byte[]> record(int partition, String key, byte[] value) {
    return new ProducerRecord<>(TOPIC, partition, key.getBytes(StandardCharsets.UTF_8), value);
  }
}
