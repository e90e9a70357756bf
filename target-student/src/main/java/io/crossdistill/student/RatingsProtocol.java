package io.crossdistill.student;

import io.crossdistill.aligner.DistillationLoss;
import io.crossdistill.aligner.DistillationSettings;
import io.crossdistill.aligner.TargetTask;
import io.crossdistill.aligner.TaskAlignmentSpec;
import io.crossdistill.aligner.TaskSource;
import io.crossdistill.aligner.Transform;
import io.crossdistill.datasets.AmazonRatingsConfig;
import io.crossdistill.datasets.AmazonRatingsLoader;
import io.crossdistill.datasets.CrossDomainData;
import io.crossdistill.datasets.FeatureScaling;
import io.crossdistill.datasets.ProgressListener;
import io.crossdistill.labelling.TeacherTraining;
import io.crossdistill.mapper.FeatureMappingSpec;
import io.crossdistill.mapper.Rule;
import io.crossdistill.models.TrainingConfig;
import io.crossdistill.schemas.TaskKind;
import io.crossdistill.v1.Example;
import io.crossdistill.v1.TeacherInput;
import io.crossdistill.v1.TeacherSignature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark protocol of any directory in the ratings layout ({@code ../shared/data/README.md}): the
 * teacher trains on the source (movie) rows only; students train on 10% and 100% of the target (music)
 * training rows. The target team maps user id as is (the same people), leaves item id at the teacher's
 * default (a target item id means nothing to the source teacher) and maps its own per-user and per-item
 * statistics through the teacher's standardisation. It distills {@code love} (Platt-calibrated) and
 * {@code rating} (linear fit), learns the teacher's {@code like} in a non-serving head, and gives
 * {@code dislike}, which has no teacher head of its own, the negated {@code like} logit (an uncalibrated
 * auxiliary target: it shapes the shared layers, the serving head still learns true labels). Every
 * setting here was chosen on the Amazon validation split and is used unchanged on other data.
 */
public final class RatingsProtocol {

  /** Fractions of the target training rows the protocol trains students on. */
  public static final List<Double> FRACTIONS = List.of(0.1, 1.0);

  /** The teacher's id in its signature and in every label's provenance. */
  public static final String TEACHER_ID = "movie-teacher";

  private final Path dataDir;
  private final boolean small;

  /**
   * The protocol over one data directory.
   *
   * @param small tiny teacher and few epochs: a smoke run, not a result
   */
  public RatingsProtocol(Path dataDir, boolean small) {
    this.dataDir = dataDir;
    this.small = small;
  }

  /** The data directory. */
  public Path dataDir() {
    return dataDir;
  }

  /** Writes the split files for one fraction and seed (the seed draws the fraction's sample) into {@code dir}. */
  public CrossDomainData load(Path dir, double trainFraction, long seed, ProgressListener progress) {
    AmazonRatingsConfig config = AmazonRatingsConfig.builder(dataDir).optTrainFraction(trainFraction).optSeed(seed)
        .build();
    return new AmazonRatingsLoader(config).load(dir, progress);
  }

  /**
   * The source teacher: id embeddings of 64, an MLP of 512-256-128, 10% id dropout, early-stopped on
   * the source validation loss; {@code seed} makes a committee of differently seeded teachers.
   */
  public TeacherTraining.Recipe teacherRecipe(long seed) {
    TrainingConfig training = TrainingConfig.builder().setSeed(seed).optLearningRate(1e-3f).optBatchSize(512)
        .optMaxEpochs(small ? 2 : 30).optPatience(2).optWeightDecay(1e-5f).build();
    return small
        ? new TeacherTraining.Recipe(TEACHER_ID, 16, List.of(64, 32), training, 0.1f)
        : new TeacherTraining.Recipe(TEACHER_ID, 64, List.of(512, 256, 128), training, 0.1f);
  }

  /** The target team's mapping from target examples into the teacher's inputs. */
  public FeatureMappingSpec targetMapping(TeacherSignature teacher, FeatureScaling scaling) {
    List<Rule> rules = new ArrayList<>();
    for (TeacherInput input : teacher.getInputs()) {
      String name = input.getName();
      rules.add(switch (name) {
        case "user_id" -> Rule.from(name, "/idFeatures/user_id");
        case "user_mean", "user_count", "item_mean", "item_count" -> Rule.from(name, "/floatFeatures/" + name,
            new io.crossdistill.mapper.Transform.Standardize(scaling.mean(name), scaling.std(name)));
        default -> Rule.defaulted(name); // item_id: per-domain ids, meaningless to the source teacher
      });
    }
    return new FeatureMappingSpec("music-to-movie", 1, Example.getClassSchema().getFullName(),
        new FeatureMappingSpec.TeacherRef(teacher.getTeacherId(), teacher.getContentHash()),
        FeatureMappingSpec.DEFAULT_RECORD_ID_FIELD, rules);
  }

  /** The target team's alignment of teacher heads to target tasks (before fitting). */
  public TaskAlignmentSpec alignment() {
    return new TaskAlignmentSpec("music-ratings", 1,
        "music ratings: love and rating distilled through calibrated auxiliary heads, the movie 'like' head as an"
            + " auxiliary-only task, dislike from the negated 'like' logit",
        List.of(
            TargetTask.of("love", TaskKind.BINARY, true, new TaskSource.FromHead("love", Transform.Platt.unfitted()))
                .withDistillation(new DistillationSettings(1.0, DistillationLoss.LOGIT_MSE, 1.0)),
            TargetTask.of("rating", TaskKind.REGRESSION, true,
                new TaskSource.FromHead("rating", Transform.LinearFit.unfitted()))
                .withDistillation(new DistillationSettings(1.0, DistillationLoss.LOGIT_MSE, 1.0)),
            TargetTask.of("like", TaskKind.BINARY, false, new TaskSource.AuxiliaryOnly("like"))
                .withDistillation(new DistillationSettings(1.0, DistillationLoss.LOGIT_MSE, 1.0)),
            TargetTask.of("dislike", TaskKind.BINARY, true, new TaskSource.FromHead("like", new Transform.Affine(-1, 0)))
                .withDistillation(new DistillationSettings(0.5, DistillationLoss.LOGIT_MSE, 1.0))));
  }

  /** The students' recipe. */
  public StudentRecipe studentRecipe() {
    return small ? StudentRecipe.defaults().withMaxEpochs(10) : StudentRecipe.defaults();
  }
}
