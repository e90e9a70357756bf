package io.crossdistill.labelling;

import io.crossdistill.schemas.ContentHash;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A backfill's input from a Kafka topic range: for each listed partition the committed records with
 * offsets in {@code [from, to)}, read with {@code isolation.level=read_committed} (records of aborted
 * transactions are not part of the input), in one fixed order — partition by partition in ascending
 * partition number, each in offset order — so a resumed job sees what a killed one saw. Values are Avro
 * binary of the target schema; a value that does not decode is an unreadable item (its key is
 * {@code topic-partition@offset}) and becomes a dead letter with its bytes. Opening reads the range once
 * to count it and hash it: the input hash covers the topic name, every partition range and every
 * record's key and value, so the same range of the same topic names the same label set.
 */
public final class KafkaRecordSource implements RecordSource {

  /**
   * One partition's part of the range.
   *
   * @param partition the partition number
   * @param from first offset read
   * @param to offset after the last one read (exclusive)
   */
  public record Range(int partition, long from, long to) {

    public Range {
      if (partition < 0 || from < 0 || to < from) {
        throw new IllegalArgumentException("a partition range needs partition >= 0 and 0 <= from <= to, got "
            + partition + " [" + from + ", " + to + ")");
      }
    }
  }

  private static final Duration POLL = Duration.ofMillis(200);

  private final String topic;
  private final List<Range> ranges;
  private final TargetDecoder decoder;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String inputHash;
  private final long size;
  private final Duration timeout;
  private final Deque<ConsumerRecord<byte[], byte[]>> buffered = new ArrayDeque<>();
  private final List<String> errors = new ArrayList<>(1);
  private int range = -1;

  private KafkaRecordSource(String topic, List<Range> ranges, Schema targetSchema, KafkaConsumer<byte[], byte[]> consumer,
      Duration timeout) {
    this.topic = topic;
    this.ranges = ranges;
    this.decoder = new TargetDecoder(targetSchema);
    this.consumer = consumer;
    this.timeout = timeout;
    MessageDigest digest = ContentHash.sha256();
    digest.update(("kafka:" + topic).getBytes(StandardCharsets.UTF_8));
    for (Range r : ranges) {
      digest.update(("/" + r.partition() + "[" + r.from() + "," + r.to() + ")").getBytes(StandardCharsets.UTF_8));
    }
    long[] count = {0};
    for (Range r : ranges) {
      readRange(r, record -> {
        update(digest, record.key());
        update(digest, record.value());
        count[0]++;
      });
    }
    digest.update(ByteBuffer.allocate(Long.BYTES).putLong(count[0]).array());
    this.inputHash = ContentHash.hex(digest);
    this.size = count[0];
  }

  /**
   * Opens a range of {@code topic}. Every range must lie within what the partition holds now: from at or
   * after its first retained offset, to at most its last stable offset.
   *
   * @param clientProperties further Kafka client properties (security, timeouts), written as the label
   *     stream's are: {@code consumer.*} ones apply unprefixed, {@code producer.*} ones not at all
   * @param timeout how long one read may wait for the broker
   * @throws IllegalArgumentException listing every range that is not there
   */
  public static KafkaRecordSource open(String bootstrapServers, String topic, List<Range> ranges, Schema targetSchema,
      Map<String, String> clientProperties, Duration timeout) {
    if (ranges.isEmpty()) {
      throw new IllegalArgumentException("no partition ranges of topic " + topic);
    }
    List<Range> sorted = ranges.stream().sorted(Comparator.comparingInt(Range::partition)).toList();
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).partition() == sorted.get(i - 1).partition()) {
        throw new IllegalArgumentException("partition " + sorted.get(i).partition() + " of topic " + topic
            + " is listed twice");
      }
    }
    Properties p = StreamClients.consumerOnly(clientProperties);
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p);
    try {
      check(consumer, topic, sorted, timeout);
      return new KafkaRecordSource(topic, sorted, targetSchema, consumer, timeout);
    } catch (RuntimeException e) {
      consumer.close();
      throw e;
    }
  }

  private static void check(KafkaConsumer<byte[], byte[]> consumer, String topic, List<Range> ranges, Duration timeout) {
    var known = consumer.partitionsFor(topic, timeout);
    if (known == null || known.isEmpty()) {
      throw new IllegalArgumentException("topic " + topic + " does not exist");
    }
    List<TopicPartition> tps = ranges.stream().map(r -> new TopicPartition(topic, r.partition())).toList();
    List<String> problems = new ArrayList<>();
    for (Range r : ranges) {
      if (r.partition() >= known.size()) {
        problems.add("partition " + r.partition() + ": topic " + topic + " has " + known.size() + " partitions");
      }
    }
    if (problems.isEmpty()) {
      Map<TopicPartition, Long> first = consumer.beginningOffsets(tps, timeout);
      Map<TopicPartition, Long> end = consumer.endOffsets(tps, timeout); // the last stable offsets (read_committed)
      for (Range r : ranges) {
        TopicPartition tp = new TopicPartition(topic, r.partition());
        if (r.from() < first.get(tp)) {
          problems.add("partition " + r.partition() + ": from " + r.from() + " is before the first retained offset "
              + first.get(tp));
        }
        if (r.to() > end.get(tp)) {
          problems.add("partition " + r.partition() + ": to " + r.to() + " is after the last stable offset "
              + end.get(tp));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("topic range of " + topic + " is not readable: " + String.join("; ", problems));
    }
  }

  /** Reads one range to its end, every record to {@code each}. */
  private void readRange(Range r, Consumer<ConsumerRecord<byte[], byte[]>> each) {
    TopicPartition tp = start(r);
    while (consumer.position(tp, timeout) < r.to()) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
        if (record.offset() < r.to()) {
          each.accept(record);
        }
      }
    }
  }

  private TopicPartition start(Range r) {
    TopicPartition tp = new TopicPartition(topic, r.partition());
    consumer.assign(List.of(tp));
    consumer.seek(tp, r.from());
    return tp;
  }

  private static void update(MessageDigest digest, byte[] bytes) {
    if (bytes == null) {
      digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(-1).array());
    } else {
      digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
      digest.update(bytes);
    }
  }

  @Override
  public String description() {
    return "Kafka topic " + topic + " " + ranges.stream()
        .map(r -> r.partition() + ":[" + r.from() + "," + r.to() + ")").collect(Collectors.joining(" "));
  }

  @Override
  public String inputHash() {
    return inputHash;
  }

  @Override
  public OptionalLong size() {
    return OptionalLong.of(size);
  }

  @Override
  public Item next() {
    while (buffered.isEmpty()) {
      if (range >= ranges.size()) {
        return null;
      }
      if (range >= 0) {
        Range r = ranges.get(range);
        TopicPartition tp = new TopicPartition(topic, r.partition());
        if (consumer.position(tp, timeout) < r.to()) {
          for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            if (record.offset() < r.to()) {
              buffered.add(record);
            }
          }
          continue;
        }
      }
      if (++range >= ranges.size()) {
        return null;
      }
      start(ranges.get(range));
    }
    ConsumerRecord<byte[], byte[]> record = buffered.poll();
    errors.clear();
    GenericRecord decoded = decoder.decode(record.value(), errors);
    if (decoded == null) {
      return Item.unreadable(topic + "-" + record.partition() + "@" + record.offset(), errors,
          record.value() == null ? new byte[0] : record.value());
    }
    return Item.of(decoded);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
