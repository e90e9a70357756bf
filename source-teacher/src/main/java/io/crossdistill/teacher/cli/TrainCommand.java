package io.crossdistill.teacher.cli;

import io.crossdistill.datasets.CrossDomainData;
import io.crossdistill.labelling.TeacherTraining;
import io.crossdistill.models.EpochLoss;
import io.crossdistill.models.ModelException;
import io.crossdistill.models.TeacherRecipe;
import io.crossdistill.models.TrainingListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code teacher train}: trains a reference teacher on the source domain and writes its artifact. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a reference teacher on the source domain and write a sealed teacher artifact.")
final class TrainCommand implements Callable<Integer> {

  @Mixin
  DataOptions data = new DataOptions();

  @Mixin
  RecipeOptions recipe = new RecipeOptions();

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "artifact directory to write")
  Path out;

  @Option(names = "--teacher-id", defaultValue = "reference-teacher", description = "teacher id (default ${DEFAULT-VALUE})")
  String teacherId;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws ModelException {
    PrintWriter log = spec.commandLine().getOut();
    TeacherRecipe family = recipe.recipe();
    log.println("data: " + data.describe());
    CrossDomainData splits = data.load();
    TeacherTraining.Prepared prepared = TeacherTraining.prepare(splits, teacherId);
    log.printf(Locale.ROOT, "teacher: %,d source rows (%,d for early stopping, %d rejected), heads %s%n",
        prepared.train().data().rows(), prepared.valid().data().rows(), prepared.train().rejected().size(),
        splits.source().taskNames());
    TeacherTraining.Trained trained = prepared.train(family, out, "crossdistill teacher train",
        new TrainingListener() {
          @Override
          public void onEpoch(EpochLoss epoch) {
            log.printf(Locale.ROOT, "  epoch %d: train loss %.4f, validation loss %.4f%n", epoch.epoch(),
                epoch.trainLoss(), epoch.validationLoss());
            log.flush();
          }
        });
    log.printf(Locale.ROOT, "teacher: %,d parameters, embedding %d, widths %s, %d epochs (best %d), %.1f s%n",
        trained.parameters(), family.embeddingDim(), family.hiddenWidths(), trained.report().epochsRun(),
        trained.report().bestEpoch(), trained.report().wallTime().toMillis() / 1000.0);
    log.println("artifact: " + out.toAbsolutePath() + " (content hash " + trained.signature().getContentHash() + ")");
    return 0;
  }
}
