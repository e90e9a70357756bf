package io.crossdistill.mapper;

import io.crossdistill.v1.Example;
import io.crossdistill.v1.FeatureStatistics;
import io.crossdistill.v1.InputType;
import io.crossdistill.v1.TeacherHead;
import io.crossdistill.v1.HeadKind;
import io.crossdistill.v1.TeacherInput;
import io.crossdistill.v1.TeacherSignature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The demo's video teacher signature (as the worked example assumes it) and music examples. */
final class VideoTeacher {

  static final String HASH = "c0ffee";

  private VideoTeacher() {
  }

  static TeacherSignature signature() {
    return TeacherSignature.newBuilder()
        .setTeacherId("video-teacher")
        .setContentHash(HASH)
        .setSourceDomain("video")
        .setInputs(List.of(
            id("user_id", 1000), id("item_id", 5000), id("genre", 20),
            floatInput("popularity", new FeatureStatistics(10_000L, 0.0, 1.0, -4.0, 4.0,
                List.of(-1.0, 0.0, 1.0), List.of(0.16, 0.34, 0.34, 0.16))),
            floatInput("item_completion", null),
            floatInput("engagement", null),
            id("device", 4),
            TeacherInput.newBuilder().setName("user_embedding").setType(InputType.FLOAT_VECTOR).setDimension(4)
                .setDefaultValue(List.of(0f, 0f, 0f, 0f)).build(),
            floatInput("video_duration", null),
            id("channel_id", 300),
            floatInput("watch_history_len", null)))
        .setHeads(List.of(new TeacherHead("click", HeadKind.BINARY_LOGIT), new TeacherHead("watch_time", HeadKind.REGRESSION)))
        .build();
  }

  static TeacherInput id(String name, int cardinality) {
    return TeacherInput.newBuilder().setName(name).setType(InputType.ID).setCardinality(cardinality)
        .setDefaultValue(0L).build();
  }

  static TeacherInput floatInput(String name, FeatureStatistics stats) {
    return TeacherInput.newBuilder().setName(name).setType(InputType.FLOAT).setDefaultValue(0f)
        .setStatistics(stats).build();
  }

  /** The worked example's spec, as written in docs/feature-mapping.md. */
  static String specJson() {
    try (InputStream in = VideoTeacher.class.getResourceAsStream("/music-to-video.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Example music(String id, long user, long track, String genre, String device, float plays,
      float completion, List<Float> embedding) {
    Map<String, Float> floats = new java.util.TreeMap<>(Map.of("track_plays", plays, "completion_rate", completion,
        "likes_per_play", 0.2f, "shares_per_play", 0.1f));
    Map<String, String> strings = new java.util.TreeMap<>();
    strings.put("genre", genre);
    if (device != null) {
      strings.put("device", device);
    }
    return Example.newBuilder()
        .setId(id)
        .setDomain("music")
        .setFloatFeatures(floats)
        .setIdFeatures(Map.of("user_id", user, "track_id", track))
        .setStringFeatures(strings)
        .setVectorFeatures(embedding == null ? Map.of() : Map.of("user_embedding", embedding))
        .build();
  }
}
