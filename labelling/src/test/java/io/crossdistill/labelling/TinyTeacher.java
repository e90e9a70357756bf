package io.crossdistill.labelling;

import io.crossdistill.aligner.CompiledAlignment;
import io.crossdistill.aligner.TargetTask;
import io.crossdistill.aligner.TaskAligner;
import io.crossdistill.aligner.TaskAlignmentSpec;
import io.crossdistill.aligner.TaskSource;
import io.crossdistill.aligner.Transform;
import io.crossdistill.mapper.CompiledMapper;
import io.crossdistill.mapper.FeatureMapping;
import io.crossdistill.mapper.FeatureMappingSpec;
import io.crossdistill.mapper.Rule;
import io.crossdistill.schemas.TaskKind;
import io.crossdistill.v1.Example;
import io.crossdistill.v1.HeadKind;
import io.crossdistill.v1.InputType;
import io.crossdistill.v1.TeacherHead;
import io.crossdistill.v1.TeacherInput;
import io.crossdistill.v1.TeacherSignature;
import java.util.List;
import java.util.Map;

/** A two-input, two-head teacher signature, a mapping of examples onto it and an alignment of its heads. */
final class TinyTeacher {

  private TinyTeacher() {
  }

  static TeacherSignature signature() {
    return TeacherSignature.newBuilder()
        .setTeacherId("tiny")
        .setContentHash("c0ffee")
        .setSourceDomain("video")
        .setInputs(List.of(
            TeacherInput.newBuilder().setName("plays").setType(InputType.FLOAT).setDefaultValue(0f).build(),
            TeacherInput.newBuilder().setName("user").setType(InputType.ID).setCardinality(10).setDefaultValue(0L)
                .build()))
        .setHeads(List.of(new TeacherHead("click", HeadKind.BINARY_LOGIT),
            new TeacherHead("watch_time", HeadKind.REGRESSION)))
        .build();
  }

  static CompiledMapper mapper() {
    return FeatureMapping.compile(mappingSpec("c0ffee"), signature(), Example.getClassSchema());
  }

  /** plays and user from the example's features, for the tiny teacher version {@code contentHash}. */
  static FeatureMappingSpec mappingSpec(String contentHash) {
    return new FeatureMappingSpec("music-to-tiny", 3, Example.getClassSchema().getFullName(),
        new FeatureMappingSpec.TeacherRef("tiny", contentHash), FeatureMappingSpec.DEFAULT_RECORD_ID_FIELD,
        List.of(Rule.from("plays", "/floatFeatures/plays"), Rule.from("user", "/idFeatures/user")));
  }

  static CompiledAlignment alignment() {
    return TaskAligner.compile(alignmentSpec(), signature());
  }

  /** click from the click head, unchanged; listen_time from watch_time, auxiliary only. */
  static TaskAlignmentSpec alignmentSpec() {
    return new TaskAlignmentSpec("music-tiny", 2, "two columns", List.of(
        TargetTask.of("click", TaskKind.BINARY, true, new TaskSource.FromHead("click", new Transform.Identity())),
        TargetTask.of("listen_time", TaskKind.REGRESSION, false,
            new TaskSource.FromHead("watch_time", new Transform.Identity()))));
  }

  static Example example(String id, float plays, long user, Float click) {
    return Example.newBuilder()
        .setId(id)
        .setDomain("music")
        .setFloatFeatures(Map.of("plays", plays))
        .setIdFeatures(Map.of("user", user))
        .setLabels(click == null ? Map.of() : Map.of("click", click))
        .build();
  }
}
