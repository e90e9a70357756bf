package io.crossdistill.demo;

import io.crossdistill.aligner.DistillationLoss;
import io.crossdistill.aligner.DistillationSettings;
import io.crossdistill.aligner.TargetTask;
import io.crossdistill.aligner.TaskAlignmentSpec;
import io.crossdistill.aligner.TaskKind;
import io.crossdistill.aligner.TaskSource;
import io.crossdistill.aligner.Transform;
import io.crossdistill.datasets.FeatureScaling;
import io.crossdistill.datasets.AmazonRatingsConfig;
import io.crossdistill.datasets.AmazonRatingsLoader;
import io.crossdistill.datasets.CrossDomainData;
import io.crossdistill.datasets.ProgressListener;
import io.crossdistill.labelling.TeacherTraining;
import io.crossdistill.mapper.FeatureMappingSpec;
import io.crossdistill.mapper.Rule;
import io.crossdistill.models.TrainingConfig;
import io.crossdistill.student.StudentSize;
import io.crossdistill.v1.Example;
import io.crossdistill.v1.TeacherInput;
import io.crossdistill.v1.TeacherSignature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Amazon movie → music scenario, with the data set's benchmark protocol: the teacher trains on
 * movie ratings only; music students train on 10% and on 100% of the music training rows. The music
 * team maps user id as is (the same people), leaves item id at the teacher's default (a music item id
 * means nothing to a movie teacher), and maps its own per-user and per-item statistics through the
 * teacher's standardisation. It distills {@code love} (Platt-calibrated) and {@code rating} (linear
 * fit), learns the teacher's {@code like} in a non-serving head, and does not distill {@code dislike},
 * which has no teacher head of its own.
 */
final class AmazonScenario implements DemoScenario {

  private final Path dataDir;
  private final boolean small;

  AmazonScenario(Path dataDir, boolean small) {
    this.dataDir = dataDir;
    this.small = small;
  }

  @Override
  public String name() {
    return "amazon";
  }

  @Override
  public String title() {
    return "Amazon movie (source) → music (target) ratings from " + dataDir;
  }

  @Override
  public List<Double> trainFractions() {
    return List.of(0.1, 1.0);
  }

  @Override
  public CrossDomainData load(Path dir, double trainFraction, long seed, ProgressListener progress) {
    AmazonRatingsConfig config = AmazonRatingsConfig.builder(dataDir).optTrainFraction(trainFraction).optSeed(seed)
        .build();
    return new AmazonRatingsLoader(config).load(dir, progress);
  }

  @Override
  public TeacherTraining.Recipe teacherRecipe() {
    TrainingConfig training = TrainingConfig.builder().setSeed(17).optLearningRate(1e-3f).optBatchSize(512)
        .optMaxEpochs(small ? 2 : 10).optPatience(2).optWeightDecay(1e-5f).build();
    return new TeacherTraining.Recipe("demo-movie-teacher", 32, List.of(256, 128), training);
  }

  @Override
  public FeatureMappingSpec targetMapping(TeacherSignature teacher, FeatureScaling scaling, CrossDomainData data) {
    List<Rule> rules = new ArrayList<>();
    for (TeacherInput input : teacher.getInputs()) {
      String name = input.getName();
      rules.add(switch (name) {
        case "user_id" -> Rule.from(name, "/idFeatures/user_id");
        case "user_mean", "user_count", "item_mean", "item_count" -> Rule.from(name, "/floatFeatures/" + name,
            new io.crossdistill.mapper.Transform.Standardize(scaling.mean(name), scaling.std(name)));
        default -> Rule.defaulted(name); // item_id: per-domain ids, meaningless to the movie teacher
      });
    }
    return new FeatureMappingSpec("music-to-movie", 1, Example.getClassSchema().getFullName(),
        new FeatureMappingSpec.TeacherRef(teacher.getTeacherId(), teacher.getContentHash()),
        FeatureMappingSpec.DEFAULT_RECORD_ID_FIELD, rules);
  }

  @Override
  public TaskAlignmentSpec alignment() {
    return new TaskAlignmentSpec("music-ratings", 1,
        "music ratings: love and rating distilled through calibrated auxiliary heads, the movie 'like' head as an"
            + " auxiliary-only task, dislike not distilled",
        List.of(
            TargetTask.of("love", TaskKind.BINARY, true, new TaskSource.FromHead("love", Transform.Platt.unfitted()))
                .withDistillation(new DistillationSettings(1.0, DistillationLoss.LOGIT_MSE, 1.0)),
            TargetTask.of("rating", TaskKind.REGRESSION, true,
                new TaskSource.FromHead("rating", Transform.LinearFit.unfitted()))
                .withDistillation(new DistillationSettings(1.0, DistillationLoss.LOGIT_MSE, 1.0)),
            TargetTask.of("like", TaskKind.BINARY, false, new TaskSource.AuxiliaryOnly("like"))
                .withDistillation(new DistillationSettings(0.5, DistillationLoss.LOGIT_MSE, 1.0)),
            TargetTask.of("dislike", TaskKind.BINARY, true, new TaskSource.NotDistilled())));
  }

  @Override
  public StudentSize studentSize() {
    return new StudentSize(8, List.of(32));
  }

  @Override
  public TrainingConfig studentTraining(long seed) {
    return TrainingConfig.builder().setSeed(seed).optLearningRate(1e-3f).optBatchSize(256)
        .optMaxEpochs(small ? 10 : 60).optPatience(3).optWeightDecay(1e-5f).build();
  }
}
