package io.crossdistill.teacher.service;

import io.crossdistill.datasets.CrossDomainData;
import io.crossdistill.datasets.CrossDomainSimulator;
import io.crossdistill.labelling.DemoWorld;
import io.crossdistill.labelling.TeacherTraining;
import io.crossdistill.models.EpochLoss;
import io.crossdistill.models.ModelException;
import io.crossdistill.models.TeacherRecipe;
import io.crossdistill.models.TrainingListener;
import io.crossdistill.teacher.config.ServiceConfig.FirstStartSize;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The teacher a bare first start serves: the demo's reference teacher (the simulator's video domain,
 * {@code demo-video-teacher}, the recipe and simulator world of {@link DemoWorld}, as {@code ./crossdistill
 * demo} uses them) trained with {@link TeacherTraining} into {@code <teachers root>/demo-video-teacher}. Training writes
 * into a side directory that is renamed into place only when the artifact is sealed, so a start killed
 * mid-training leaves no half artifact and the next start trains again.
 */
final class FirstStartTeacher {

  static final String TEACHER_ID = DemoWorld.TEACHER_ID;
  static final String DIR = TEACHER_ID;
  private static final Logger LOG = Logger.getLogger(FirstStartTeacher.class);

  private final Path teachersRoot;
  private final Path workDir;
  private final FirstStartSize size;

  /**
   * @param workDir where the simulator writes its split files
   */
  FirstStartTeacher(Path teachersRoot, Path workDir, FirstStartSize size) {
    this.teachersRoot = teachersRoot;
    this.workDir = workDir;
    this.size = size;
  }

  /** Where the artifact lies once trained. */
  Path artifactDir() {
    return teachersRoot.resolve(DIR);
  }

  /** True when an earlier start already trained it. */
  boolean exists() {
    return Files.isDirectory(artifactDir());
  }

  /**
   * Generates the simulator world, trains the teacher and moves the sealed artifact into place.
   *
   * @param progress short status lines for readiness ("epoch 3 of 12")
   * @return the artifact directory
   */
  Path train(Consumer<String> progress) throws ModelException {
    boolean small = size == FirstStartSize.SMALL;
    long start = System.nanoTime();
    Path partial = teachersRoot.resolve("." + DIR + ".training");
    deleteRecursively(partial);
    progress.accept("generating the simulator's video domain");
    LOG.infof("first start: training the demo teacher %s on the simulator's video domain (%s world) into %s",
        TEACHER_ID, small ? "small" : "default", artifactDir());
    CrossDomainData data = new CrossDomainSimulator(DemoWorld.simulator(small)).generate(workDir.resolve(small ? "simulator-small" : "simulator"));
    TeacherTraining.Prepared prepared = TeacherTraining.prepare(data, TEACHER_ID);
    TeacherRecipe recipe = DemoWorld.teacherRecipe(small).teacherRecipe();
    int maxEpochs = recipe.training().maxEpochs();
    LOG.infof("first start: %,d source rows (%,d for early stopping), heads %s, embedding %d, widths %s, up to %d epochs",
        prepared.train().data().rows(), prepared.valid().data().rows(), data.source().taskNames(),
        recipe.embeddingDim(), recipe.hiddenWidths(), maxEpochs);
    progress.accept("training, 0 of at most " + maxEpochs + " epochs done");
    TeacherTraining.Trained trained = prepared.train(recipe, partial, "crossdistill-teacher first start",
        new TrainingListener() {
          @Override
          public void onEpoch(EpochLoss epoch) {
            LOG.info(String.format(Locale.ROOT, "first start: demo teacher epoch %d of at most %d: train loss %.4f, "
                + "validation loss %.4f", epoch.epoch(), maxEpochs, epoch.trainLoss(), epoch.validationLoss()));
            progress.accept("training, " + epoch.epoch() + " of at most " + maxEpochs + " epochs done");
          }
        });
    try {
      Files.move(partial, artifactDir(), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move the trained demo teacher into " + artifactDir(), e);
    }
    LOG.info(String.format(Locale.ROOT, "first start: demo teacher trained: %,d parameters, %d epochs (best %d), "
        + "%.1f s, content hash %s", trained.parameters(), trained.report().epochsRun(), trained.report().bestEpoch(),
        (System.nanoTime() - start) / 1e9, trained.signature().getContentHash()));
    return artifactDir();
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          Files.delete(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the unfinished training directory " + dir, e);
    }
  }
}
