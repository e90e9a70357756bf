package io.crossdistill.schemas;

import io.crossdistill.v1.AlignedLabel;
import io.crossdistill.v1.Example;
import io.crossdistill.v1.FeatureStatistics;
import io.crossdistill.v1.HeadKind;
import io.crossdistill.v1.InputType;
import io.crossdistill.v1.LabelSpace;
import io.crossdistill.v1.Provenance;
import io.crossdistill.v1.TaskLabel;
import io.crossdistill.v1.TeacherHead;
import io.crossdistill.v1.TeacherInput;
import io.crossdistill.v1.TeacherPrediction;
import io.crossdistill.v1.TeacherSignature;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The records the committed v1 golden files hold; built in code so a test can compare field by field. */
final class GoldenRecords {

  private GoldenRecords() {
  }

  static List<Example> examples() {
    Example music = Example.newBuilder()
        .setId("music-000001")
        .setDomain("music")
        .setEventTimeMillis(1_700_000_000_000L)
        .setFloatFeatures(new TreeMap<>(Map.of("item_mean", 4.25f, "user_mean", 3.5f)))
        .setIdFeatures(new TreeMap<>(Map.of("genre", 7L, "user_id", 42L)))
        .setStringFeatures(new TreeMap<>(Map.of("country", "SE")))
        .setVectorFeatures(new TreeMap<>(Map.of("audio_embedding", List.of(0.25f, -1.5f, 3.0f))))
        .setLabels(new TreeMap<>(Map.of("love", 1.0f, "rating", 5.0f)))
        .build();
    Example video = Example.newBuilder()
        .setId("video-000002")
        .setDomain("video")
        .build();
    return List.of(music, video);
  }

  static Provenance provenance() {
    return Provenance.newBuilder()
        .setTeacherId("video-teacher")
        .setTeacherHash("ab".repeat(32))
        .setMappingName("music-to-video")
        .setMappingVersion(3)
        .setAlignmentName("homepage")
        .setAlignmentVersion(2)
        .setHyperParameters(new TreeMap<>(Map.of("epochs", "10", "lr", "0.001")))
        .setSeed(7L)
        .setInputDataHash("cd".repeat(32))
        .setProducer("crossdistill 0.1.0")
        .build();
  }

  static TeacherSignature signature() {
    TeacherInput userId = TeacherInput.newBuilder()
        .setName("user_id").setType(InputType.ID).setCardinality(1000).setDefaultValue(0L).build();
    TeacherInput popularity = TeacherInput.newBuilder()
        .setName("popularity").setType(InputType.FLOAT).setDefaultValue(0.5f)
        .setStatistics(FeatureStatistics.newBuilder()
            .setCount(100).setMean(0.5).setStd(0.2).setMin(0).setMax(1)
            .setBinEdges(List.of(0.25, 0.5, 0.75))
            .setBinFractions(List.of(0.25, 0.25, 0.25, 0.25))
            .build())
        .build();
    TeacherInput embedding = TeacherInput.newBuilder()
        .setName("embedding").setType(InputType.FLOAT_VECTOR).setDimension(2)
        .setDefaultValue(List.of(0f, 0f)).build();
    return TeacherSignature.newBuilder()
        .setTeacherId("video-teacher")
        .setContentHash("ab".repeat(32))
        .setSourceDomain("video")
        .setInputs(List.of(userId, popularity, embedding))
        .setHeads(List.of(
            TeacherHead.newBuilder().setName("click").setKind(HeadKind.BINARY_LOGIT).build(),
            TeacherHead.newBuilder().setName("watch_time").setKind(HeadKind.REGRESSION).build()))
        .setProvenance(provenance())
        .build();
  }

  static TeacherPrediction prediction() {
    return TeacherPrediction.newBuilder()
        .setExampleId("music-000001").setTeacherId("video-teacher").setTeacherHash("ab".repeat(32))
        .setOutputs(List.of(1.25f, -0.5f)).build();
  }

  static AlignedLabel alignedLabel() {
    return AlignedLabel.newBuilder()
        .setExampleId("music-000001")
        .setLabels(List.of(
            TaskLabel.newBuilder().setTask("click").setValue(1.25f).setSpace(LabelSpace.LOGIT).setServing(true).build(),
            TaskLabel.newBuilder().setTask("continue_watching").setValue(-0.5f).setSpace(LabelSpace.LOGIT)
                .setServing(false).build()))
        .setProvenance(provenance())
        .build();
  }
}
