package io.crossdistill.labelling;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro binary of one record type (generated or generic), with its writer, encoder and buffer reused:
 * labels and dead letters on a topic, a refused record's bytes in its dead letter, a request's input hash.
 * Not thread-safe.
 */
final class RecordEncoder<T extends IndexedRecord> {

  private final SpecificDatumWriter<T> writer;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
  private BinaryEncoder encoder;

  /** Encodes records of a generated class. */
  RecordEncoder(Class<T> type) {
    this.writer = new SpecificDatumWriter<>(type);
  }

  /** Encodes records of {@code schema}, generic or generated. */
  RecordEncoder(Schema schema) {
    this.writer = new SpecificDatumWriter<>(schema);
  }

  byte[] encode(T record) {
    bytes.reset();
    encoder = EncoderFactory.get().binaryEncoder(bytes, encoder);
    try {
      writer.write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A {@link SpecificRecord}'s encoder; the name says which constructor is meant. */
  static <R extends SpecificRecord> RecordEncoder<R> of(Class<R> type) {
    return new RecordEncoder<>(type);
  }
}
