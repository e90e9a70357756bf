package io.crossdistill.demo;

import io.crossdistill.aligner.TaskAlignmentSpec;
import io.crossdistill.datasets.FeatureScaling;
import io.crossdistill.datasets.CrossDomainData;
import io.crossdistill.datasets.ProgressListener;
import io.crossdistill.labelling.TeacherTraining;
import io.crossdistill.mapper.FeatureMappingSpec;
import io.crossdistill.student.StudentSize;
import io.crossdistill.v1.TeacherSignature;
import java.nio.file.Path;
import java.util.List;

/**
 * One data set the demo runs on, with the knowledge an app team brings: how its target fields map into
 * the teacher's inputs, and how the teacher's heads align with its tasks.
 */
interface DemoScenario {

  /** Short name, used in output paths. */
  String name();

  /** One line saying what the data is. */
  String title();

  /** Fractions of the target training data the students train on. */
  List<Double> trainFractions();

  /** Writes the split files for one fraction and seed into {@code dir}. */
  CrossDomainData load(Path dir, double trainFraction, long seed, ProgressListener progress);

  /** The teacher to train on this scenario's source domain. */
  TeacherTraining.Recipe teacherRecipe();

  /** The app team's mapping from target examples into the teacher's inputs. */
  FeatureMappingSpec targetMapping(TeacherSignature teacher, FeatureScaling scaling, CrossDomainData data);

  /** The app team's alignment of teacher heads to target tasks (before fitting). */
  TaskAlignmentSpec alignment();

  /** The students' size. */
  StudentSize studentSize();

  /** Student training settings for a seed. */
  io.crossdistill.models.TrainingConfig studentTraining(long seed);
}
