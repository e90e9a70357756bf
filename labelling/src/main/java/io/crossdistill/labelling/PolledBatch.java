package io.crossdistill.labelling;

import io.crossdistill.schemas.ContentHash;
import io.crossdistill.v1.DeadLetter;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * One poll of a {@link LabelStream}, decoded: each record's key and target record (null where its value
 * did not decode, with a dead letter of stage {@code read} for it), the first and next offsets of every
 * partition in it (what the transaction commits, and where to rewind when nothing is committed yet) and
 * the content hash of its records (partition, offset and value of each), the labels' input hash. Reused
 * from poll to poll; not thread-safe.
 */
final class PolledBatch {

  private final List<GenericRecord> records = new ArrayList<>();
  private final List<Integer> unreadableAt = new ArrayList<>();
  private final List<DeadLetter> unreadable = new ArrayList<>();
  private final Map<TopicPartition, Long> starts = new HashMap<>();
  private final Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
  private final List<String> errors = new ArrayList<>(1);
  private final MessageDigest digest = ContentHash.sha256();
  private final ByteBuffer position = ByteBuffer.allocate(Integer.BYTES + Long.BYTES);
  private byte[][] keys = new byte[0][];
  private String inputHash = "";

  /** Decodes {@code polled} with {@code decoder}, replacing the previous poll. */
  void fill(ConsumerRecords<byte[], byte[]> polled, TargetDecoder decoder) {
    clear();
    starts.clear();
    ends.clear();
    int n = polled.count();
    if (keys.length < n) {
      keys = new byte[n][];
    }
    for (TopicPartition tp : polled.partitions()) {
      List<ConsumerRecord<byte[], byte[]>> inPartition = polled.records(tp);
      starts.put(tp, inPartition.get(0).offset());
      ends.put(tp, new OffsetAndMetadata(inPartition.get(inPartition.size() - 1).offset() + 1));
    }
    digest.reset();
    for (ConsumerRecord<byte[], byte[]> record : polled) {
      byte[] value = record.value();
      keys[records.size()] = record.key();
      position.clear();
      digest.update(position.putInt(record.partition()).putLong(record.offset()).array());
      if (value != null) {
        digest.update(value);
      }
      errors.clear();
      GenericRecord decoded = decoder.decode(value, errors);
      if (decoded == null) {
        unreadableAt.add(records.size());
        unreadable.add(DeadLetters.of(record.topic() + "-" + record.partition() + "@" + record.offset(),
            DeadLetters.STAGE_READ, errors, value == null ? new byte[0] : value));
      }
      records.add(decoded);
    }
    inputHash = ContentHash.hex(digest);
  }

  /** The decoded records in poll order; null where a value did not decode. */
  List<GenericRecord> records() {
    return records;
  }

  int size() {
    return records.size();
  }

  /** The Kafka key of the record at {@code index} (may be null). */
  byte[] key(int index) {
    return keys[index];
  }

  /** Hands the dead letters of the records that did not decode to {@code sink}. */
  void rejectUnreadable(LabelSink sink) {
    for (int d = 0; d < unreadable.size(); d++) {
      sink.reject(unreadableAt.get(d), unreadable.get(d));
    }
  }

  /** Content hash of the poll's records. */
  String inputHash() {
    return inputHash;
  }

  /** First offset of every partition in the poll. */
  Map<TopicPartition, Long> starts() {
    return starts;
  }

  /** Offset after the last record of every partition in the poll: what its transaction commits. */
  Map<TopicPartition, OffsetAndMetadata> ends() {
    return ends;
  }

  /** Lets go of the records and keys; the offsets stay for a rewind. */
  void clear() {
    Arrays.fill(keys, 0, Math.min(keys.length, records.size()), null);
    records.clear();
    unreadable.clear();
    unreadableAt.clear();
  }
}
