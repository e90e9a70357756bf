package io.crossdistill.labelling;

import io.crossdistill.datasets.SimulatorConfig;
import io.crossdistill.models.TrainingConfig;
import java.util.List;

/**
 * The demo's world, written once: the simulator's video → music world and the recipe of the video
 * teacher trained on it. {@code ./crossdistill demo} runs on it, and the teacher service's first start
 * trains the same teacher on the same world, so both serve {@value #TEACHER_ID} with the same recipe.
 */
public final class DemoWorld {

  /** The id of the demo's video teacher. */
  public static final String TEACHER_ID = "demo-video-teacher";
  /** The simulator seed that fixes the world (and seeds the teacher's training). */
  public static final long SIMULATOR_SEED = 1;

  private DemoWorld() {
  }

  /** The simulator configuration of the demo's world, default or small (a quick run). */
  public static SimulatorConfig simulator(boolean small) {
    SimulatorConfig.Builder config = SimulatorConfig.builder().optSeed(SIMULATOR_SEED).optUsers(1500);
    if (small) {
      config.optSourceItems(800).optTargetItems(400).optSourceEvents(12_000).optTargetEvents(2_500);
    } else {
      // fewer users and items than the simulator's defaults: ~36 video events per user let the teacher learn
      // tastes, while ~5 music training events per user leave the students data-starved (chosen on the
      // target validation split, see docs/results.md)
      config.optSourceItems(1500).optTargetItems(800);
    }
    return config.build();
  }

  /** The video teacher's recipe: embedding 16, trunk [256, 128], 12 epochs (4 on the small world). */
  public static TeacherTraining.Recipe teacherRecipe(boolean small) {
    // chosen on the source validation split: wider embeddings or no weight decay overfit sooner, no better
    TrainingConfig training = TrainingConfig.builder().setSeed(SIMULATOR_SEED).optLearningRate(2e-3f)
        .optWeightDecay(1e-3f).optBatchSize(512).optMaxEpochs(small ? 4 : 12).optPatience(2).build();
    return new TeacherTraining.Recipe(TEACHER_ID, 16, List.of(256, 128), training);
  }
}
