package io.crossdistill.teacher.cli;

import io.crossdistill.models.TeacherRecipe;
import io.crossdistill.models.TrainingConfig;
import java.util.List;
import picocli.CommandLine.Option;

/** The reference teacher family's knobs. */
final class RecipeOptions {

  @Option(names = "--embedding", defaultValue = "32", description = "id embedding width (default ${DEFAULT-VALUE})")
  int embedding;

  @Option(names = "--widths", split = ",", defaultValue = "256,128",
      description = "trunk widths, comma-separated; their count is the depth (default ${DEFAULT-VALUE})")
  List<Integer> widths;

  @Option(names = "--epochs", defaultValue = "12", description = "most epochs (default ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--patience", defaultValue = "2", description = "early-stopping patience (default ${DEFAULT-VALUE})")
  int patience;

  @Option(names = "--learning-rate", defaultValue = "0.002", description = "Adam learning rate (default ${DEFAULT-VALUE})")
  float learningRate;

  @Option(names = "--batch", defaultValue = "512", description = "minibatch rows (default ${DEFAULT-VALUE})")
  int batch;

  @Option(names = "--seed", defaultValue = "1", description = "training seed (default ${DEFAULT-VALUE})")
  long seed;

  TeacherRecipe recipe() {
    return TeacherRecipe.of(embedding, widths, TrainingConfig.builder().setSeed(seed).optLearningRate(learningRate)
        .optBatchSize(batch).optMaxEpochs(epochs).optPatience(patience).build());
  }
}
