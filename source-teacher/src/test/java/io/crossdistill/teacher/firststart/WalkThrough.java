package io.crossdistill.teacher.firststart;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The request bodies of the curl walk-through in docs/api.md, word for word, for the demo teacher. */
final class WalkThrough {

  static final String KEY = "music-secret-key";

  static final String SCHEMA = """
      {"type": "record", "name": "Listen", "namespace": "com.music",
        "fields": [{"name": "id", "type": "string"}, {"name": "user", "type": "long"},
                   {"name": "genre", "type": "string"}, {"name": "popularity", "type": "double"},
                   {"name": "activity", "type": "double"},
                   {"name": "skipped", "type": ["null", "boolean"], "default": null}]}""";

  static final String MAPPING = """
      {"name": "listen-to-video", "targetSchema": "com.music.Listen",
        "teacher": {"id": "demo-video-teacher"},
        "rules": [
          {"input": "user_id", "from": "/user"},
          {"input": "item_id", "default": true},
          {"input": "genre", "from": "/genre", "transforms": [{"op": "lookup", "table": {"rock": 3, "pop": 5, "jazz": 7}, "otherwise": 12}]},
          {"input": "popularity", "from": "/popularity", "transforms": [{"op": "clip", "min": -3, "max": 3}]},
          {"input": "user_activity", "from": "/activity"},
          {"input": "video_duration", "default": true},
          {"input": "channel_id", "default": true},
          {"input": "watch_history_len", "default": true}]}""";

  static final String COVERAGE = """
      {"records": [
        {"id": "a", "user": 7, "genre": "rock", "popularity": 0.3, "activity": -0.5},
        {"id": "b", "user": 1200, "genre": "polka", "popularity": 2.5, "activity": 0.1}]}""";

  static final String ALIGNMENT = """
      {"name": "music-home", "description": "home feed", "tasks": [
        {"name": "listen", "kind": "binary", "source": {"type": "head", "head": "click", "transform": {"type": "platt"}}},
        {"name": "listen_time", "kind": "regression", "source": {"type": "head", "head": "watch_time", "transform": {"type": "affine", "a": 0.5, "b": 0}}},
        {"name": "continue", "kind": "binary", "serving": false, "source": {"type": "auxiliary-only", "head": "continue_watching"}},
        {"name": "discover", "kind": "binary", "source": {"type": "not-distilled"}}]}""";

  static final String LABELS = """
      {"mapping": "listen-to-video", "alignment": "music-home",
        "records": [{"id": "r1", "user": 42, "genre": "pop", "popularity": 0.5, "activity": 1.2},
                    {"id": "r2", "user": "someone", "genre": "pop", "popularity": 0.5, "activity": 1.2}]}""";

  private WalkThrough() {
  }

  static RequestSpecification music() {
    return given().header("X-Api-Key", KEY);
  }

  /**
   * The labelled sample the doc's jq line writes: 40 records, listen = i % 3 % 2.
   *
   * <pre>{@code jq -n '{mapping: "listen-to-video", sample: [range(40) | {record: {id: "s\(.)",
   *   user: (. * 37 % 1500), genre: (if . % 2 == 0 then "rock" else "pop" end), popularity: (. % 7 / 3 - 1),
   *   activity: (. % 5 / 2 - 1)}, labels: {listen: (. % 3 % 2)}}]}'}</pre>
   */
  static Map<String, Object> labelledSample() {
    return labelledSample("listen-to-video");
  }

  /** {@link #labelledSample()} for another mapping. */
  static Map<String, Object> labelledSample(String mapping) {
    List<Map<String, Object>> sample = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("id", "s" + i);
      record.put("user", i * 37 % 1500);
      record.put("genre", i % 2 == 0 ? "rock" : "pop");
      record.put("popularity", (i % 7) / 3.0 - 1);
      record.put("activity", (i % 5) / 2.0 - 1);
      sample.add(Map.of("record", record, "labels", Map.of("listen", i % 3 % 2)));
    }
    return Map.of("mapping", mapping, "sample", sample);
  }
}
