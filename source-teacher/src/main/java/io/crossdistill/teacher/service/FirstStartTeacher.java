package io.crossdistill.teacher.service;

import io.crossdistill.datasets.CrossDomainData;
import io.crossdistill.datasets.CrossDomainSimulator;
import io.crossdistill.datasets.SimulatorConfig;
import io.crossdistill.labelling.TeacherTraining;
import io.crossdistill.models.EpochLoss;
import io.crossdistill.models.TeacherRecipe;
import io.crossdistill.models.TrainingConfig;
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
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The teacher a bare first start serves: the demo's reference teacher (the simulator's video domain,
 * {@code demo-video-teacher}, the same recipe and simulator world as {@code ./crossdistill demo}) trained
 * with the {@code teacher train} code into {@code <teachers root>/demo-video-teacher}. Training writes
 * into a side directory that is renamed into place only when the artifact is sealed, so a start killed
 * mid-training leaves no half artifact and the next start trains again.
 */
final class FirstStartTeacher {

  static final String TEACHER_ID = "demo-video-teacher";
  static final String DIR = TEACHER_ID;
  private static final Logger LOG = Logger.getLogger(FirstStartTeacher.class);
  private static final long SIMULATOR_SEED = 1;

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
  Path train(Consumer<String> progress) {
    boolean small = size == FirstStartSize.SMALL;
    long start = System.nanoTime();
    Path partial = teachersRoot.resolve("." + DIR + ".training");
    deleteRecursively(partial);
    progress.accept("generating the simulator's video domain");
    LOG.infof("first start: training the demo teacher %s on the simulator's video domain (%s world) into %s",
        TEACHER_ID, small ? "small" : "default", artifactDir());
    CrossDomainData data = new CrossDomainSimulator(simulator(small)).generate(workDir.resolve(small ? "simulator-small" : "simulator"));
    TeacherTraining.Prepared prepared = TeacherTraining.prepare(data, TEACHER_ID);
    TeacherRecipe recipe = recipe(small);
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

  /** The demo's simulator world (SimulatorScenario in target-student), default or small. */
  static SimulatorConfig simulator(boolean small) {
    SimulatorConfig.Builder config = SimulatorConfig.builder().optSeed(SIMULATOR_SEED).optUsers(1500);
    if (small) {
      config.optSourceItems(800).optTargetItems(400).optSourceEvents(12_000).optTargetEvents(2_500);
    } else {
      config.optSourceItems(1500).optTargetItems(800);
    }
    return config.build();
  }

  /** The demo's teacher recipe: embedding 16, trunk [256, 128], 12 epochs (4 on the small world). */
  static TeacherRecipe recipe(boolean small) {
    TrainingConfig training = TrainingConfig.builder().setSeed(SIMULATOR_SEED).optLearningRate(2e-3f)
        .optWeightDecay(1e-3f).optBatchSize(512).optMaxEpochs(small ? 4 : 12).optPatience(2).build();
    return TeacherRecipe.of(16, List.of(256, 128), training);
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
