package io.crossdistill.demo;

import io.crossdistill.aligner.DistillationLoss;
import io.crossdistill.aligner.DistillationSettings;
import io.crossdistill.aligner.TargetTask;
import io.crossdistill.aligner.TaskAlignmentSpec;
import io.crossdistill.aligner.TaskSource;
import io.crossdistill.aligner.Transform;
import io.crossdistill.datasets.CrossDomainData;
import io.crossdistill.datasets.CrossDomainSimulator;
import io.crossdistill.datasets.FeatureDef;
import io.crossdistill.datasets.FeatureScaling;
import io.crossdistill.datasets.ProgressListener;
import io.crossdistill.datasets.SimulatorConfig;
import io.crossdistill.labelling.DemoWorld;
import io.crossdistill.labelling.TeacherTraining;
import io.crossdistill.mapper.FeatureMappingSpec;
import io.crossdistill.mapper.Rule;
import io.crossdistill.models.TrainingConfig;
import io.crossdistill.schemas.TaskKind;
import io.crossdistill.student.StudentSize;
import io.crossdistill.v1.Example;
import io.crossdistill.v1.TeacherInput;
import io.crossdistill.v1.TeacherSignature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo's default data and the knowledge an app team brings to it: the synthetic video → music
 * scenario, in which the simulator's video domain trains the teacher and music is the data-starved target. The music team maps user id as is (the same people), genre through the genre
 * correspondence, popularity and activity through the teacher's standardisation, and leaves item id
 * and the video-only inputs at the teacher's defaults. It distills click and like (Platt-calibrated)
 * and listen time (linear fit of watch time), learns the teacher's continue-watching in a non-serving
 * head, and does not distill discovery.
 */
final class SimulatorScenario {

  private final SimulatorConfig base;
  private final boolean small;
  private CrossDomainSimulator simulator;

  /** The demo's world ({@link DemoWorld}), default or small. */
  SimulatorScenario(boolean small) {
    this.small = small;
    this.base = DemoWorld.simulator(small);
  }

  /** Short name, used in output paths. */
  String name() {
    return "simulator";
  }

  /** One line saying what the data is. */
  String title() {
    return "synthetic video (source) → music (target), simulator seed " + base.seed();
  }

  /** Fractions of the target training data the students train on. */
  List<Double> trainFractions() {
    return List.of(1.0);
  }

  /** Writes the split files into {@code dir}; the world is the same for every fraction and seed. */
  CrossDomainData load(Path dir, double trainFraction, long seed, ProgressListener progress) {
    // the simulated world is fixed by the simulator seed; student seeds vary the students only
    if (simulator == null) {
      simulator = new CrossDomainSimulator(base);
    }
    return simulator.generate(dir, progress);
  }

  /** The teacher to train on the video domain. */
  TeacherTraining.Recipe teacherRecipe() {
    return DemoWorld.teacherRecipe(small);
  }

  /** The music team's mapping from target examples into the teacher's inputs. */
  FeatureMappingSpec targetMapping(TeacherSignature teacher, FeatureScaling scaling, CrossDomainData data) {
    List<Rule> rules = new ArrayList<>();
    long unknownGenre = data.source().feature("genre").map(FeatureDef::cardinality).orElseThrow();
    for (TeacherInput input : teacher.getInputs()) {
      String name = input.getName();
      rules.add(switch (name) {
        case "user_id" -> Rule.from(name, "/idFeatures/user_id");
        case "genre" -> Rule.from(name, "/idFeatures/genre", new io.crossdistill.mapper.Transform.Lookup(
            genreTable(), unknownGenre));
        case "popularity", "user_activity" -> Rule.from(name, "/floatFeatures/" + name,
            new io.crossdistill.mapper.Transform.Standardize(scaling.mean(name), scaling.std(name)));
        default -> Rule.defaulted(name); // item_id has no meaning for music items; video-only inputs
      });
    }
    return new FeatureMappingSpec("music-to-video", 1, Example.getClassSchema().getFullName(),
        new FeatureMappingSpec.TeacherRef(teacher.getTeacherId(), teacher.getContentHash()),
        FeatureMappingSpec.DEFAULT_RECORD_ID_FIELD, rules);
  }

  private Map<String, Long> genreTable() {
    Map<String, Long> table = new TreeMap<>();
    simulator.genreCorrespondence().forEach((music, video) -> table.put(Long.toString(music), video));
    return table;
  }

  /** The music team's alignment of teacher heads to target tasks (before fitting). */
  TaskAlignmentSpec alignment() {
    // logit MSE at weight 1 did better on the validation split than weight 0.3 or soft cross-entropy at T=2
    DistillationSettings binary = new DistillationSettings(1.0, DistillationLoss.LOGIT_MSE, 1.0);
    DistillationSettings regression = new DistillationSettings(0.5, DistillationLoss.LOGIT_MSE, 1.0);
    return new TaskAlignmentSpec("music-homepage", 1,
        "music homepage: click and like distilled through calibrated auxiliary heads, listen time from watch"
            + " time, continue-watching as an auxiliary-only task, discovery not distilled",
        List.of(
            TargetTask.of("click", TaskKind.BINARY, true, new TaskSource.FromHead("click", Transform.Platt.unfitted()))
                .withDistillation(binary),
            TargetTask.of("like", TaskKind.BINARY, true, new TaskSource.FromHead("like", Transform.Platt.unfitted()))
                .withDistillation(binary),
            TargetTask.of("listen_time", TaskKind.REGRESSION, true,
                new TaskSource.FromHead("watch_time", Transform.LinearFit.unfitted())).withDistillation(regression),
            TargetTask.of("continue_watching", TaskKind.BINARY, false,
                new TaskSource.AuxiliaryOnly("continue_watching")).withDistillation(
                    new DistillationSettings(0.3, DistillationLoss.LOGIT_MSE, 1.0)),
            TargetTask.of("discovery", TaskKind.BINARY, true, new TaskSource.NotDistilled())));
  }

  /** The students' size. */
  StudentSize studentSize() {
    return new StudentSize(8, List.of(32));
  }

  /** Student training settings for a seed. */
  TrainingConfig studentTraining(long seed) {
    return TrainingConfig.builder().setSeed(seed).optLearningRate(2e-3f).optBatchSize(256)
        .optMaxEpochs(small ? 4 : 30).optPatience(3).build();
  }
}
