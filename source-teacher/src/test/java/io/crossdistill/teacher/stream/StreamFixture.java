package io.crossdistill.teacher.stream;

import io.crossdistill.aligner.AlignmentJson;
import io.crossdistill.aligner.TaskAlignmentSpec;
import io.crossdistill.labelling.LabelPath;
import io.crossdistill.labelling.RunStamp;
import io.crossdistill.mapper.FeatureMappingSpec;
import io.crossdistill.mapper.MappingJson;
import io.crossdistill.teacher.rest.Fixtures;
import io.crossdistill.v1.TeacherSignature;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * A music team's target examples, mapping and alignment for the fixture teacher, as the stream tests
 * produce and label them: {@code Listen} records whose {@code listen_minutes} may be null (the mapping
 * rejects those: dead letters of stage {@code map}).
 */
final class StreamFixture {

  static final String LISTEN_SCHEMA_JSON = """
      {"type": "record", "name": "Listen", "namespace": "com.music", "fields": [
        {"name": "id", "type": "string"},
        {"name": "listen_minutes", "type": ["null", "double"], "default": null},
        {"name": "genre", "type": "string"}
      ]}""";
  static final Schema LISTEN = new Schema.Parser().parse(LISTEN_SCHEMA_JSON);

  static final String MAPPING_NAME = "listen-to-video";
  static final String ALIGNMENT_NAME = "music-home";

  static final RunStamp RUN = new RunStamp(Map.of("stream", "test"), 0, "", "crossdistill-test");

  private StreamFixture() {
  }

  /** The mapping's JSON (without version); {@code contentHash} empty to name only the teacher id. */
  static String mappingJson(String contentHash) {
    return """
        {"name": "%s", "targetSchema": "com.music.Listen", "teacher": {"id": "video-teacher"%s},
         "rules": [
          {"input": "watch_minutes", "from": "/listen_minutes", "transforms": [{"op": "clip", "min": 0, "max": 10}],
           "onMissing": "reject"},
          {"input": "freshness", "default": true},
          {"input": "genre", "from": "/genre", "transforms": [{"op": "lookup", "table": {"rock": 3, "pop": 5}, "otherwise": 0}]},
          {"input": "device", "default": true}
         ]}""".formatted(MAPPING_NAME, contentHash.isEmpty() ? "" : ", \"contentHash\": \"" + contentHash + "\"");
  }

  static final String ALIGNMENT_JSON = """
      {"name": "%s", "description": "music home", "tasks": [
        {"name": "listen", "kind": "binary", "serving": true,
         "source": {"type": "head", "head": "click", "transform": {"type": "identity"}}},
        {"name": "listen_time", "kind": "regression", "serving": true,
         "source": {"type": "head", "head": "watch_time", "transform": {"type": "affine", "a": 0.5, "b": 0.0}}},
        {"name": "continue", "kind": "binary", "serving": false,
         "source": {"type": "auxiliary-only", "head": "continue_watching"}}
      ]}""".formatted(ALIGNMENT_NAME);

  /** The label path of version 1 of the mapping and alignment, compiled for {@code teacher}. */
  static LabelPath path(TeacherSignature teacher) {
    String mapping = mappingJson(teacher.getContentHash()).replaceFirst("\\{", "{\"version\": 1, ");
    FeatureMappingSpec spec = MappingJson.read(mapping);
    TaskAlignmentSpec alignment = AlignmentJson.read(ALIGNMENT_JSON.replaceFirst("\\{", "{\"version\": 1, "));
    return LabelPath.compile(spec, LISTEN, alignment, teacher);
  }

  /** A record's Avro binary; {@code minutes} null makes a record the mapping refuses. */
  static byte[] listen(String id, Double minutes, String genre) {
    GenericRecord record = new GenericData.Record(LISTEN);
    record.put("id", id);
    record.put("listen_minutes", minutes);
    record.put("genre", genre);
    return Fixtures.avroBinary(record);
  }
}
