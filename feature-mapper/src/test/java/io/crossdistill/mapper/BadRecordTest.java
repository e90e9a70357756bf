package io.crossdistill.mapper;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossdistill.schemas.TeacherInputBatch;
import io.crossdistill.v1.InputType;
import io.crossdistill.v1.TeacherInput;
import io.crossdistill.v1.TeacherSignature;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad records become typed {@link BadRecord}s naming the record and the field path; nothing is thrown. */
class BadRecordTest {

  private static final Schema SCHEMA = SchemaBuilder.record("Track").namespace("music").fields()
      .requiredString("key")
      .optionalDouble("plays")
      .requiredLong("artist")
      .name("embedding").type().array().items().floatType().noDefault()
      .optionalString("mood")
      .endRecord();

  private final List<BadRecord> bad = new ArrayList<>();
  private CompiledMapper mapper;
  private TeacherInputBatch batch;

  @BeforeEach
  void compile() {
    TeacherSignature signature = TeacherSignature.newBuilder().setTeacherId("t").setHeads(List.of())
        .setInputs(List.of(
            TeacherInput.newBuilder().setName("plays").setType(InputType.FLOAT).setDefaultValue(-1f).build(),
            TeacherInput.newBuilder().setName("artist").setType(InputType.ID).setCardinality(100).build(),
            TeacherInput.newBuilder().setName("embedding").setType(InputType.FLOAT_VECTOR).setDimension(3).build(),
            TeacherInput.newBuilder().setName("mood").setType(InputType.ID).setCardinality(5).build()))
        .build();
    FeatureMappingSpec spec = new FeatureMappingSpec("m", 1, "music.Track", new FeatureMappingSpec.TeacherRef("t", ""),
        "/key", List.of(
            Rule.from("plays", "/plays", new Transform.Log1p()),
            Rule.from("artist", "/artist", new Transform.Identity()),
            Rule.from("embedding", "/embedding", new Transform.Vector(3)),
            Rule.from("mood", "/mood", new Transform.Hash(5)).withOnMissing(MissingPolicy.REJECT)));
    mapper = FeatureMapping.compile(spec, signature, SCHEMA);
    batch = mapper.newBatch(8);
  }

  private GenericRecord record(Object plays, Object artist, List<Float> embedding, Object mood) {
    GenericRecord r = new GenericData.Record(SCHEMA);
    r.put("key", "track-9");
    r.put("plays", plays);
    r.put("artist", artist);
    r.put("embedding", embedding);
    r.put("mood", mood);
    return r;
  }

  @Test
  void map_validRecord_appendsRow() {
    assertThat(mapper.map(record(3.0, 42L, List.of(1f, 2f, 3f), "calm"), batch, bad::add)).isTrue();
    assertThat(batch.size()).isEqualTo(1);
    assertThat(batch.ids()[0]).isEqualTo(42);
  }

  @Test
  void map_missingOptionalUnderDefaultPolicy_writesTeacherDefault() {
    assertThat(mapper.map(record(null, 1L, List.of(1f, 2f, 3f), "calm"), batch, bad::add)).isTrue();
    assertThat(batch.numeric()[0]).isEqualTo(-1f);
  }

  @Test
  void map_nanValue_rejectsWithNotFiniteAndPath() {
    assertRejected(record(Double.NaN, 1L, List.of(1f, 2f, 3f), "calm"), BadRecord.Kind.NOT_FINITE, "/plays");
  }

  @Test
  void map_log1pBelowMinusOne_rejectsNotFinite() {
    assertRejected(record(-3.0, 1L, List.of(1f, 2f, 3f), "calm"), BadRecord.Kind.NOT_FINITE, "/plays");
  }

  @Test
  void map_wrongValueType_rejectsWithWrongType() {
    assertRejected(record("many", 1L, List.of(1f, 2f, 3f), "calm"), BadRecord.Kind.WRONG_TYPE, "/plays");
  }

  @Test
  void map_oversizedVector_rejectsWithDimension() {
    assertRejected(record(1.0, 1L, List.of(1f, 2f, 3f, 4f), "calm"), BadRecord.Kind.DIMENSION, "/embedding");
  }

  @Test
  void map_infinityInVector_rejectsNotFinite() {
    assertRejected(record(1.0, 1L, List.of(1f, Float.POSITIVE_INFINITY, 3f), "calm"), BadRecord.Kind.NOT_FINITE,
        "/embedding/1");
  }

  @Test
  void map_missingFieldUnderRejectPolicy_rejectsWithMissing() {
    assertRejected(record(1.0, 1L, List.of(1f, 2f, 3f), null), BadRecord.Kind.MISSING, "/mood");
  }

  @Test
  void map_idOutsideCardinality_rejectsWithIdOutOfRange() {
    assertRejected(record(1.0, 100L, List.of(1f, 2f, 3f), "calm"), BadRecord.Kind.ID_OUT_OF_RANGE, "/artist");
  }

  @Test
  void map_recordOfAnotherSchema_rejectsWithWrongType() {
    Schema other = SchemaBuilder.record("Other").fields().requiredString("key").endRecord();
    GenericRecord r = new GenericData.Record(other);
    r.put("key", "x");
    assertThat(mapper.map(r, batch, bad::add)).isFalse();
    assertThat(bad).singleElement().satisfies(b -> assertThat(b.kind()).isEqualTo(BadRecord.Kind.WRONG_TYPE));
  }

  @Test
  void toDeadLetter_badRecord_carriesIdStageAndPathFirstReason() {
    mapper.map(record(Double.NaN, 1L, List.of(1f, 2f, 3f), "calm"), batch, bad::add);
    var letter = bad.get(0).toDeadLetter(java.nio.ByteBuffer.allocate(0));
    assertThat(letter.getRecordId()).isEqualTo("track-9");
    assertThat(letter.getStage()).isEqualTo("map");
    assertThat(letter.getErrors()).singleElement().asString().startsWith("/plays: ");
  }

  private void assertRejected(GenericRecord record, BadRecord.Kind kind, String path) {
    boolean ok = mapper.map(record, batch, bad::add);
    assertThat(ok).isFalse();
    assertThat(batch.size()).isZero();
    assertThat(bad).singleElement().satisfies(b -> {
      assertThat(b.kind()).isEqualTo(kind);
      assertThat(b.path()).isEqualTo(path);
      assertThat(b.recordId()).isEqualTo("track-9");
    });
  }
}
