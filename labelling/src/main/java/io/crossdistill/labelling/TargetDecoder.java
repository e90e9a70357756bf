package io.crossdistill.labelling;

import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Decodes Kafka record values as Avro binary of a target schema (the writer schema is the target schema
 * itself: a topic of target examples carries no other), reusing its decoder. A value that is absent, does
 * not decode, or has bytes left after the record is refused with the reason. Not thread-safe.
 */
final class TargetDecoder {

  private final Schema schema;
  private final GenericDatumReader<GenericRecord> reader;
  private BinaryDecoder decoder;

  TargetDecoder(Schema schema) {
    this.schema = schema;
    this.reader = new GenericDatumReader<>(schema);
  }

  /** The record, or null with the reason added to {@code errors}. */
  GenericRecord decode(byte[] value, List<String> errors) {
    if (value == null || value.length == 0) {
      errors.add("the record has no value" + (value == null ? " (a tombstone)" : "")
          + "; expected Avro binary of " + schema.getFullName());
      return null;
    }
    try {
      // Avro allocates a declared length before reading it: check the lengths against the bytes first
      if (AvroBinaryBounds.datumEnd(value, 0, schema) != value.length) {
        errors.add("the value is not one Avro binary " + schema.getFullName() + ": bytes are left after the record");
        return null;
      }
    } catch (AvroBinaryBounds.Malformed e) {
      errors.add("the value is not Avro binary of " + schema.getFullName() + ": " + e.getMessage());
      return null;
    }
    try {
      decoder = DecoderFactory.get().binaryDecoder(value, decoder);
      GenericRecord record = reader.read(null, decoder);
      if (!decoder.isEnd()) {
        errors.add("the value is not one Avro binary " + schema.getFullName() + ": bytes are left after the record");
        return null;
      }
      return record;
    } catch (IOException | RuntimeException e) {
      errors.add("the value is not Avro binary of " + schema.getFullName() + ": " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()));
      return null;
    }
  }
}
