package io.crossdistill.labelling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/**
 * Avro binary bodies are untrusted: records that fit decode as before, and every body that cannot be such
 * records is one {@link MalformedRecordsException} naming the record and byte, never an allocation of the
 * length it declares nor another exception.
 */
class TargetRecordsAvroTest {

  private static final Schema LISTEN = new Schema.Parser().parse("""
      {"type": "record", "name": "Listen", "namespace": "com.music", "fields": [
        {"name": "id", "type": "string"},
        {"name": "minutes", "type": "double"},
        {"name": "tags", "type": {"type": "array", "items": "string"}, "default": []},
        {"name": "skipped", "type": ["null", "boolean"], "default": null}
      ]}""");

  /** A linked list: a recursive schema whose data can nest without end. */
  private static final Schema CHAIN = new Schema.Parser().parse("""
      {"type": "record", "name": "Chain", "fields": [{"name": "next", "type": ["null", "Chain"]}]}""");

  private static byte[] listens(int count) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(LISTEN);
    for (int i = 0; i < count; i++) {
      GenericRecord record = new GenericData.Record(LISTEN);
      record.put("id", "r" + i);
      record.put("minutes", 1.5 * i);
      record.put("tags", List.of("a", "b" + i));
      record.put("skipped", i % 2 == 0 ? null : Boolean.TRUE);
      writer.write(record, encoder);
    }
    encoder.flush();
    return bytes.toByteArray();
  }

  @Test
  void fromAvroBinary_wellFormedRecords_decodeAsWritten() throws IOException {
    List<TargetRecords.Decoded> decoded = TargetRecords.fromAvroBinary(listens(3), LISTEN, 10);
    assertThat(decoded).hasSize(3).allMatch(TargetRecords.Decoded::ok);
    assertThat(decoded.get(2).record().get("id").toString()).isEqualTo("r2");
    assertThat(decoded.get(2).record().get("minutes")).isEqualTo(3.0);
    assertThat(decoded.get(1).record().get("skipped")).isEqualTo(true);
  }

  @Test
  void fromAvroBinary_moreThanTheLimit_readsOneMoreToShowTheExcess() throws IOException {
    assertThat(TargetRecords.fromAvroBinary(listens(5), LISTEN, 2)).hasSize(3);
  }

  @Test
  void fromAvroBinary_aStringLongerThanTheBody_isRefusedBeforeAnyAllocation() {
    // id: a string of 2^31 - 9 bytes (zig-zag varint), then nothing
    byte[] body = {(byte) 0xee, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
    assertThatThrownBy(() -> TargetRecords.fromAvroBinary(body, LISTEN, 10))
        .isInstanceOfSatisfying(MalformedRecordsException.class, e -> assertThat(e.problems().get(0).message())
            .isEqualTo("record 0 (from byte 0): a string of 2147483639 bytes is declared, 0 are left (byte 5)"));
  }

  @Test
  void fromAvroBinary_anArrayCountBeyondTheBytes_isRefused() {
    // id "x", minutes 0.0, then an array block of 1,000,000 strings in no bytes
    byte[] body = {2, 'x', 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0x80, (byte) 0x89, 0x7a};
    assertThatThrownBy(() -> TargetRecords.fromAvroBinary(body, LISTEN, 10))
        .isInstanceOf(MalformedRecordsException.class)
        .hasMessageContaining("record 0")
        .satisfies(e -> assertThat(((MalformedRecordsException) e).problems().get(0).message())
            .contains("a block declares 1000000 items, at most 0 fit"));
  }

  @Test
  void fromAvroBinary_aUnionIndexOutOfRange_isRefused() throws IOException {
    byte[] good = listens(1);
    byte[] body = good.clone();
    body[body.length - 1] = 8; // the last byte is the union index of "skipped" (0: null); 8 is index 4
    assertThatThrownBy(() -> TargetRecords.fromAvroBinary(body, LISTEN, 10))
        .isInstanceOfSatisfying(MalformedRecordsException.class, e -> assertThat(e.problems().get(0).message())
            .contains("union index 4 is outside the 2 branches"));
  }

  @Test
  void fromAvroBinary_goodRecordsThenACutShortOne_namesTheBadRecordAndItsFirstByte() throws IOException {
    byte[] two = listens(2);
    byte[] body = java.util.Arrays.copyOf(two, two.length + 3);
    body[two.length] = 4;
    body[two.length + 1] = 'o';
    body[two.length + 2] = 'k';
    assertThatThrownBy(() -> TargetRecords.fromAvroBinary(body, LISTEN, 10))
        .isInstanceOfSatisfying(MalformedRecordsException.class, e -> assertThat(e.problems().get(0).message())
            .startsWith("record 2 (from byte " + two.length + "): the bytes end inside a double"));
  }

  @Test
  void fromAvroBinary_dataNestedDeeperThanTheLimit_isRefusedWithoutAStackOverflow() {
    byte[] body = new byte[100_000];
    java.util.Arrays.fill(body, (byte) 2); // union index 1 (Chain), again and again
    assertThatThrownBy(() -> TargetRecords.fromAvroBinary(body, CHAIN, 10))
        .isInstanceOfSatisfying(MalformedRecordsException.class, e -> assertThat(e.problems().get(0).message())
            .contains("nested deeper than " + AvroBinaryBounds.MAX_DEPTH + " levels"));
  }

  @Test
  void fromAvroBinary_randomBytes_areRecordsOrOneMalformedRecordsException() {
    Random random = new Random(2026);
    int refused = 0;
    for (int round = 0; round < 2_000; round++) {
      byte[] body = new byte[1 + random.nextInt(64)];
      random.nextBytes(body);
      try {
        TargetRecords.fromAvroBinary(body, LISTEN, 64).forEach(d -> assertThat(d.ok()).isTrue());
      } catch (MalformedRecordsException e) {
        refused++;
        assertThat(e.problems()).hasSize(1);
        assertThat(e.problems().get(0).message()).startsWith("record ");
      }
    }
    assertThat(refused).isGreaterThan(1_000);
  }
}
