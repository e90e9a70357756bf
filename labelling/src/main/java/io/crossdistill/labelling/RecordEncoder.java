package io.crossdistill.labelling;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/** Avro binary of one record type, with its writer, encoder and buffer reused. Not thread-safe. */
final class RecordEncoder<T extends SpecificRecord> {

  private final SpecificDatumWriter<T> writer;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
  private BinaryEncoder encoder;

  RecordEncoder(Class<T> type) {
    this.writer = new SpecificDatumWriter<>(type);
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
}
