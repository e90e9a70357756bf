package io.crossdistill.teacher.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Request bodies shared by the HTTP tests (and the reliability suite): a music team's schema, mapping and alignment for the fixture teacher.
 * Test classes without a profile share one service and its registry, so each class registers the Listen
 * schema in a namespace of its own ({@link #listenSchema(String)}, {@link #mapping(String, double, String)}):
 * then every registration step of a class has one known answer, whichever classes ran before it.
 */
public final class Fixtures {

  public static final String MUSIC_KEY = "music-secret-key";
  public static final String PODCAST_KEY = "podcast-secret-key";
  public static final String OPS_KEY = "operator-secret-key";

  public static final String LISTEN_SCHEMA = """
      {"type": "record", "name": "Listen", "namespace": "com.music", "fields": [
        {"name": "id", "type": "string"},
        {"name": "listen_minutes", "type": "double"},
        {"name": "genre", "type": "string"},
        {"name": "skipped", "type": ["null", "boolean"], "default": null}
      ]}""";

  /** v2 adds a field with a default: backward compatible. */
  public static final String LISTEN_SCHEMA_V2 = """
      {"type": "record", "name": "Listen", "namespace": "com.music", "fields": [
        {"name": "id", "type": "string"},
        {"name": "listen_minutes", "type": "double"},
        {"name": "genre", "type": "string"},
        {"name": "skipped", "type": ["null", "boolean"], "default": null},
        {"name": "country", "type": "string", "default": "us"}
      ]}""";

  /** Adds a field without a default: old records cannot be read. */
  public static final String LISTEN_SCHEMA_INCOMPATIBLE = """
      {"type": "record", "name": "Listen", "namespace": "com.music", "fields": [
        {"name": "id", "type": "string"},
        {"name": "listen_minutes", "type": "double"},
        {"name": "genre", "type": "string"},
        {"name": "skipped", "type": ["null", "boolean"], "default": null},
        {"name": "country", "type": "string", "default": "us"},
        {"name": "mood", "type": "string"}
      ]}""";

  /** {@link #LISTEN_SCHEMA} in {@code namespace}. */
  static String listenSchema(String namespace) {
    return inNamespace(LISTEN_SCHEMA, namespace);
  }

  /** {@link #LISTEN_SCHEMA_V2} in {@code namespace}. */
  static String listenSchemaV2(String namespace) {
    return inNamespace(LISTEN_SCHEMA_V2, namespace);
  }

  /** {@link #LISTEN_SCHEMA_INCOMPATIBLE} in {@code namespace}. */
  static String listenSchemaIncompatible(String namespace) {
    return inNamespace(LISTEN_SCHEMA_INCOMPATIBLE, namespace);
  }

  /** {@link #mapping(String, double)} for the Listen schema of {@code namespace}. */
  static String mapping(String name, double clipMax, String namespace) {
    return inNamespace(mapping(name, clipMax), namespace);
  }

  /** {@link #BAD_MAPPING} for the Listen schema of {@code namespace}. */
  static String badMapping(String namespace) {
    return inNamespace(BAD_MAPPING, namespace);
  }

  private static String inNamespace(String body, String namespace) {
    return body.replace("\"namespace\": \"com.music\"", "\"namespace\": \"" + namespace + "\"")
        .replace("\"com.music.Listen\"", "\"" + namespace + ".Listen\"");
  }

  public static String mapping(String name, double clipMax) {
    return """
        {"name": "%s", "targetSchema": "com.music.Listen", "teacher": {"id": "video-teacher"},
         "rules": [
          {"input": "watch_minutes", "from": "/listen_minutes", "transforms": [{"op": "clip", "min": 0, "max": %s}],
           "onMissing": "reject"},
          {"input": "freshness", "default": true},
          {"input": "genre", "from": "/genre", "transforms": [{"op": "lookup", "table": {"rock": 3, "pop": 5}, "otherwise": 0}]},
          {"input": "device", "default": true}
         ]}""".formatted(name, clipMax);
  }

  /** Three errors at once: an unknown teacher input, a missing field path, and an uncovered input. */
  public static final String BAD_MAPPING = """
      {"name": "broken", "targetSchema": "com.music.Listen", "teacher": {"id": "video-teacher"},
       "rules": [
        {"input": "watch_minutes", "from": "/no_such_field"},
        {"input": "freshness", "default": true},
        {"input": "genre", "from": "/genre", "transforms": [{"op": "lookup", "table": {"rock": 3}, "otherwise": 0}]},
        {"input": "not_an_input", "default": true}
       ]}""";

  public static String alignment(String name, String clickTransform) {
    return """
        {"name": "%s", "description": "music home", "tasks": [
          {"name": "listen", "kind": "binary", "serving": true,
           "source": {"type": "head", "head": "click", "transform": %s}},
          {"name": "listen_time", "kind": "regression", "serving": true,
           "source": {"type": "head", "head": "watch_time", "transform": {"type": "affine", "a": 0.5, "b": 0.0}}},
          {"name": "continue", "kind": "binary", "serving": false,
           "source": {"type": "auxiliary-only", "head": "continue_watching"}},
          {"name": "discover", "kind": "binary", "serving": true, "source": {"type": "not-distilled"}}
        ]}""".formatted(name, clickTransform);
  }

  public static String record(String id, double minutes, String genre) {
    return "{\"id\": \"" + id + "\", \"listen_minutes\": " + minutes + ", \"genre\": \"" + genre + "\"}";
  }

  private Fixtures() {
  }

  /** The Avro binary of one record (its own schema), as a topic value or an {@code avro/binary} body. */
  public static byte[] avroBinary(GenericRecord record) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    try {
      new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
