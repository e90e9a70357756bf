package io.crossdistill.benchmarks;

import io.crossdistill.aligner.TargetTask;
import io.crossdistill.aligner.TaskAlignmentSpec;
import io.crossdistill.aligner.TaskSource;
import io.crossdistill.aligner.Transform;
import io.crossdistill.labelling.LabelPath;
import io.crossdistill.mapper.FeatureMappingSpec;
import io.crossdistill.mapper.Rule;
import io.crossdistill.models.ModelException;
import io.crossdistill.models.MultiTaskModel;
import io.crossdistill.models.NetworkConfig;
import io.crossdistill.models.TeacherArtifact;
import io.crossdistill.schemas.AvroContainers;
import io.crossdistill.schemas.ContainerWriter;
import io.crossdistill.schemas.TaskKind;
import io.crossdistill.v1.Example;
import io.crossdistill.v1.TeacherSignature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The teacher, label path and input of {@link LabelPathBenchmark}: a teacher on {@link TeacherSizes}'
 * inputs (six floats, four ids) and four heads with the Amazon protocol's shape (embeddings 64, trunk
 * 512-256-128; seeded, untrained: the cost of a forward pass does not depend on the weights), a mapping of
 * music {@code Example} records onto it (every input from a feature), an alignment of every head as is,
 * and examples streamed into an Avro container file.
 */
final class LabelBenchData {

  static final int EMBEDDING = 64;
  static final List<Integer> WIDTHS = List.of(512, 256, 128);

  private LabelBenchData() {
  }

  /** Writes the teacher into {@code dir}; returns its sealed signature. */
  static TeacherSignature writeTeacher(Path dir) throws ModelException {
    TeacherSignature unsealed = TeacherSizes.signature("");
    try (MultiTaskModel model = MultiTaskModel.create(NetworkConfig.fromSignature(unsealed, EMBEDDING, WIDTHS), 42)) {
      return TeacherArtifact.write(dir, model, unsealed);
    }
  }

  /** The label path on the sealed teacher: every input from its feature, every head as a binary task. */
  static LabelPath path(TeacherSignature sealed) {
    List<Rule> rules = new ArrayList<>();
    for (int f = 0; f < TeacherSizes.FLOATS; f++) {
      rules.add(Rule.from("f" + f, "/floatFeatures/f" + f));
    }
    for (int i = 0; i < TeacherSizes.CARDINALITIES.length; i++) {
      rules.add(Rule.from("id" + i, "/idFeatures/id" + i));
    }
    FeatureMappingSpec mapping = new FeatureMappingSpec("bench-music", 1, Example.getClassSchema().getFullName(),
        new FeatureMappingSpec.TeacherRef(sealed.getTeacherId(), sealed.getContentHash()),
        FeatureMappingSpec.DEFAULT_RECORD_ID_FIELD, rules);
    List<TargetTask> tasks = new ArrayList<>();
    for (int h = 0; h < TeacherSizes.HEADS; h++) {
      tasks.add(TargetTask.of("task" + h, TaskKind.BINARY, h == 0,
          new TaskSource.FromHead("head" + h, new Transform.Identity())));
    }
    return LabelPath.compile(mapping, Example.getClassSchema(),
        new TaskAlignmentSpec("bench-heads", 1, "every head as is", tasks), sealed);
  }

  /** Streams {@code records} seeded examples into {@code file}, one record at a time. */
  static void writeExamples(Path file, long records, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    try (ContainerWriter<Example> out = AvroContainers.writer(file, Example.getClassSchema(), "label-bench")) {
      Map<String, Float> floats = new TreeMap<>();
      Map<String, Long> ids = new TreeMap<>();
      for (long r = 0; r < records; r++) {
        floats.clear();
        ids.clear();
        for (int f = 0; f < TeacherSizes.FLOATS; f++) {
          floats.put("f" + f, (float) random.nextGaussian());
        }
        for (int i = 0; i < TeacherSizes.CARDINALITIES.length; i++) {
          ids.put("id" + i, (long) random.nextInt(TeacherSizes.CARDINALITIES[i] - 1));
        }
        out.append(Example.newBuilder().setId("r" + r).setDomain("music").setEventTimeMillis(1_700_000_000_000L + r)
            .setFloatFeatures(floats).setIdFeatures(ids).setLabels(Map.of("task0", random.nextBoolean() ? 1f : 0f))
            .build());
      }
    }
  }
}
