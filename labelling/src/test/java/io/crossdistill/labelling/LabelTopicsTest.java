package io.crossdistill.labelling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossdistill.v1.AlignedLabel;
import io.crossdistill.v1.DeadLetter;
import io.crossdistill.v1.LabelSpace;
import io.crossdistill.v1.Provenance;
import io.crossdistill.v1.TaskLabel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** The label topics' wire format and the decoding of example values, without a broker. */
class LabelTopicsTest {

  private static final Schema LISTEN = new Schema.Parser().parse("""
      {"type": "record", "name": "Listen", "namespace": "com.music", "fields": [
        {"name": "id", "type": "string"}, {"name": "minutes", "type": "double"}]}""");

  @Test
  void fingerprints_areTheRabinFingerprintsOfTheSchemas_asEightBigEndianBytesInTheHeader() {
    assertThat(LabelTopics.labelFingerprint())
        .isEqualTo(SchemaNormalization.parsingFingerprint64(AlignedLabel.getClassSchema()))
        .isNotEqualTo(LabelTopics.deadLetterFingerprint());
    RecordHeaders headers = new RecordHeaders();
    headers.add(LabelTopics.FINGERPRINT_HEADER, LabelTopics.fingerprintBytes(LabelTopics.deadLetterFingerprint()));
    assertThat(LabelTopics.fingerprint(headers)).hasValue(LabelTopics.deadLetterFingerprint());
    assertThat(LabelTopics.fingerprintBytes(0x0102030405060708L)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    assertThat(LabelTopics.fingerprint(new RecordHeaders())).isEmpty();
  }

  @Test
  void labelsAndDeadLetters_encodeAndDecodeAsOneAvroBinaryRecord() {
    AlignedLabel label = AlignedLabel.newBuilder().setExampleId("ex-1")
        .setLabels(List.of(TaskLabel.newBuilder().setTask("listen").setValue(0.25f).setSpace(LabelSpace.LOGIT)
            .setServing(true).build()))
        .setProvenance(Provenance.newBuilder().setTeacherId("t").setTeacherHash("h").setMappingName("m")
            .setMappingVersion(1).setHyperParameters(Map.of()).setSeed(0).setInputDataHash("i").setProducer("p")
            .build())
        .build();
    byte[] bytes = new RecordEncoder<>(AlignedLabel.class).encode(label);
    assertThat(LabelTopics.decodeLabel(bytes)).isEqualTo(label);
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    assertThatThrownBy(() -> LabelTopics.decodeLabel(longer)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bytes left");
    DeadLetter dead = DeadLetters.of("topic-0@7", DeadLetters.STAGE_READ, List.of("bad"), new byte[] {1, 2});
    assertThat(LabelTopics.decodeDeadLetter(new RecordEncoder<>(DeadLetter.class).encode(dead))).isEqualTo(dead);
  }

  @Test
  void targetDecoder_refusesEmptyTruncatedAndOverlongValues_withTheReason() {
    GenericRecord record = new GenericData.Record(LISTEN);
    record.put("id", "a");
    record.put("minutes", 2.5);
    byte[] valid = encode(record);
    TargetDecoder decoder = new TargetDecoder(LISTEN);
    List<String> errors = new ArrayList<>();
    assertThat(decoder.decode(valid, errors)).isEqualTo(record);
    assertThat(errors).isEmpty();
    assertThat(decoder.decode(null, errors)).isNull();
    assertThat(decoder.decode(Arrays.copyOf(valid, valid.length - 3), errors)).isNull();
    assertThat(decoder.decode(Arrays.copyOf(valid, valid.length + 2), errors)).isNull();
    assertThat(errors).hasSize(3);
    assertThat(errors.get(0)).contains("tombstone");
    assertThat(errors.get(1)).contains("not Avro binary of com.music.Listen");
    assertThat(errors.get(2)).contains("bytes are left");
  }

  @Test
  void streamBuilder_listsEveryMissingSetting() {
    assertThatThrownBy(() -> LabelStream.builder().setInputTopic("x").setOutputTopic("x").optMaxPollRecords(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bootstrap servers: required")
        .hasMessageContaining("dead-letter topic: required")
        .hasMessageContaining("group id: required")
        .hasMessageContaining("instance id: required")
        .hasMessageContaining("teacher: required")
        .hasMessageContaining("paths: required")
        .hasMessageContaining("run: required")
        .hasMessageContaining("the input topic must differ")
        .hasMessageContaining("max poll records");
  }

  private static byte[] encode(GenericRecord record) {
    var bytes = new java.io.ByteArrayOutputStream();
    var encoder = org.apache.avro.io.EncoderFactory.get().binaryEncoder(bytes, null);
    try {
      new org.apache.avro.generic.GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
      encoder.flush();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
