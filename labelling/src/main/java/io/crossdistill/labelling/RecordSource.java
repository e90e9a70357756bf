package io.crossdistill.labelling;

import java.util.List;
import java.util.OptionalLong;
import org.apache.avro.generic.IndexedRecord;

/**
 * The input of a backfill, read in one fixed order so that a resumed job sees the records a killed one
 * saw: Avro container files ({@link RecordSources#avroFiles}), a ratings TSV directory
 * ({@link RecordSources#ratings}) or a Kafka topic range.
 */
public interface RecordSource extends AutoCloseable {

  /**
   * One input record: decoded, or refused at reading with every reason and its bytes.
   *
   * @param record the record in the target schema; null when it could not be read
   * @param key an id for a record that could not be read (e.g. {@code topic-0@42})
   * @param errors why it could not be read; empty for a record
   * @param payload the record's bytes, for its dead letter (empty for a record, which is encoded again)
   */
  record Item(IndexedRecord record, String key, List<String> errors, byte[] payload) {

    private static final byte[] NO_PAYLOAD = new byte[0];

    public static Item of(IndexedRecord record) {
      // one shared empty payload (a zero-length array cannot change): nothing allocated per record
      return new Item(record, "", List.of(), NO_PAYLOAD);
    }

    public static Item unreadable(String key, List<String> errors, byte[] payload) {
      return new Item(null, key, List.copyOf(errors), payload);
    }
  }

  /** What is read, in words, without machine paths (e.g. {@code 2 Avro files under examples/}). */
  String description();

  /** Content hash of the whole input (names the label set together with the versions). */
  String inputHash();

  /** Records in the input, when known before reading. */
  OptionalLong size();

  /** The next record, or null at the end. */
  Item next();

  @Override
  void close();
}
