package io.crossdistill.labelling;

import io.crossdistill.v1.AlignedLabel;
import io.crossdistill.v1.DeadLetter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.OptionalLong;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The wire format of label topics, for {@link LabelStream} and for whoever reads its topics: every
 * record's value is the Avro binary encoding (no container, no registry prefix) of an {@link AlignedLabel}
 * on the labels topic or a {@link DeadLetter} on the dead-letter topic, and carries the header
 * {@value #FINGERPRINT_HEADER}, the 64-bit Rabin fingerprint of the writer schema's canonical form
 * ({@link SchemaNormalization#parsingFingerprint64}) as 8 big-endian bytes. A reader compares it with the
 * fingerprint of the schema it knows before decoding.
 */
public final class LabelTopics {

  /** Header naming the writer schema of a record's value by its 64-bit Rabin fingerprint. */
  public static final String FINGERPRINT_HEADER = "crossdistill.schema.fingerprint";

  private static final long LABEL_FINGERPRINT = SchemaNormalization.parsingFingerprint64(AlignedLabel.getClassSchema());
  private static final long DEAD_LETTER_FINGERPRINT =
      SchemaNormalization.parsingFingerprint64(DeadLetter.getClassSchema());

  private LabelTopics() {
  }

  /** Fingerprint of the {@link AlignedLabel} schema, the header value of every label record. */
  public static long labelFingerprint() {
    return LABEL_FINGERPRINT;
  }

  /** Fingerprint of the {@link DeadLetter} schema, the header value of every dead-letter record. */
  public static long deadLetterFingerprint() {
    return DEAD_LETTER_FINGERPRINT;
  }

  /** The fingerprint of {@code schema}, as a label topic's header carries it. */
  public static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }

  /** The header value of a fingerprint: 8 bytes, big-endian. */
  public static byte[] fingerprintBytes(long fingerprint) {
    return ByteBuffer.allocate(Long.BYTES).putLong(fingerprint).array();
  }

  /** The fingerprint a record's headers carry, if they carry one of 8 bytes. */
  public static OptionalLong fingerprint(Headers headers) {
    Header header = headers.lastHeader(FINGERPRINT_HEADER);
    if (header == null || header.value() == null || header.value().length != Long.BYTES) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(ByteBuffer.wrap(header.value()).getLong());
  }

  /**
   * Decodes a label record's value.
   *
   * @throws IllegalArgumentException when the bytes are not one {@link AlignedLabel}
   */
  public static AlignedLabel decodeLabel(byte[] value) {
    return decode(value, new SpecificDatumReader<>(AlignedLabel.class), AlignedLabel.getClassSchema());
  }

  /**
   * Decodes a dead-letter record's value.
   *
   * @throws IllegalArgumentException when the bytes are not one {@link DeadLetter}
   */
  public static DeadLetter decodeDeadLetter(byte[] value) {
    return decode(value, new SpecificDatumReader<>(DeadLetter.class), DeadLetter.getClassSchema());
  }

  private static <T> T decode(byte[] value, SpecificDatumReader<T> reader, Schema schema) {
    try {
      var decoder = DecoderFactory.get().binaryDecoder(value, null);
      T record = reader.read(null, decoder);
      if (!decoder.isEnd()) {
        throw new IllegalArgumentException("bytes left after one " + schema.getName());
      }
      return record;
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalArgumentException("not Avro binary of " + schema.getFullName() + ": " + e, e);
    }
  }
}
