package io.crossdistill.teacher;

import io.crossdistill.models.InputStatistics;
import io.crossdistill.models.ModelException;
import io.crossdistill.models.ModelTrainer;
import io.crossdistill.models.MultiTaskModel;
import io.crossdistill.models.NetworkConfig;
import io.crossdistill.models.TabularData;
import io.crossdistill.models.TeacherArtifact;
import io.crossdistill.models.TrainingConfig;
import io.crossdistill.v1.HeadKind;
import io.crossdistill.v1.InputType;
import io.crossdistill.v1.TeacherHead;
import io.crossdistill.v1.TeacherInput;
import io.crossdistill.v1.TeacherSignature;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A tiny real teacher for the service tests: a video-domain multi-task network (2 numeric inputs, 2 id
 * inputs, heads click / watch_time / continue_watching) trained for a few epochs on generated data and
 * written as a sealed artifact with training statistics. Real DJL, nothing mocked; seeded, so the same
 * artifact bytes every run.
 */
public final class TeacherFixture {

  public static final String TEACHER_ID = "video-teacher";

  private TeacherFixture() {
  }

  public static TeacherSignature signature() {
    return TeacherSignature.newBuilder()
        .setTeacherId(TEACHER_ID)
        .setSourceDomain("video")
        .setInputs(List.of(
            input("watch_minutes", InputType.FLOAT, 0, 0f),
            input("freshness", InputType.FLOAT, 0, 0.5f),
            input("genre", InputType.ID, 16, 0L),
            input("device", InputType.ID, 4, 1L)))
        .setHeads(List.of(
            TeacherHead.newBuilder().setName("click").setKind(HeadKind.BINARY_LOGIT).build(),
            TeacherHead.newBuilder().setName("watch_time").setKind(HeadKind.REGRESSION).build(),
            TeacherHead.newBuilder().setName("continue_watching").setKind(HeadKind.BINARY_LOGIT).build()))
        .build();
  }

  private static TeacherInput input(String name, InputType type, int cardinality, Object defaultValue) {
    return TeacherInput.newBuilder().setName(name).setType(type).setCardinality(cardinality).setDimension(1)
        .setDefaultValue(defaultValue).build();
  }

  /** {@code TeacherFixture DIR [SEED]}: writes the fixture teacher into DIR. */
  public static void main(String[] args) throws ModelException {
    write(Path.of(args[0]), args.length > 1 ? Long.parseLong(args[1]) : 7);
  }

  /**
   * Writes the fixture in a child JVM on this JVM's class path. Tests running inside Quarkus use this:
   * there, Avro's generated classes and Avro itself can end up in different class loaders.
   */
  public static void writeInChildJvm(Path dir, long seed) {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(javaBin, "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
        TeacherFixture.class.getName(), dir.toString(), Long.toString(seed)).inheritIO();
    try {
      Process process = builder.start();
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException("writing the fixture teacher failed (exit " + process.exitValue() + ")");
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Trains and writes the teacher into {@code dir}; returns its sealed signature. */
  public static TeacherSignature write(Path dir, long seed) throws ModelException {
    TeacherSignature signature = signature();
    int rows = 512;
    SplittableRandom random = new SplittableRandom(seed);
    float[] numeric = new float[rows * 2];
    long[] ids = new long[rows * 2];
    float[] targets = new float[rows * 3];
    for (int r = 0; r < rows; r++) {
      float minutes = (float) (random.nextDouble() * 4);
      float fresh = (float) random.nextDouble();
      long genre = random.nextInt(16);
      long device = random.nextInt(4);
      numeric[2 * r] = minutes;
      numeric[2 * r + 1] = fresh;
      ids[2 * r] = genre;
      ids[2 * r + 1] = device;
      double score = 0.8 * minutes - 1.5 + (genre % 3 == 0 ? 0.7 : -0.2) + 0.3 * fresh;
      targets[3 * r] = random.nextDouble() < 1 / (1 + Math.exp(-score)) ? 1f : 0f;
      targets[3 * r + 1] = (float) (2 * minutes + random.nextGaussian() * 0.1);
      targets[3 * r + 2] = random.nextDouble() < (device == 1 ? 0.7 : 0.3) ? 1f : 0f;
    }
    TabularData data = new TabularData(rows, 2, numeric, 2, ids, 3, targets);
    TeacherSignature withStats = InputStatistics.withStatistics(signature, data);
    try (MultiTaskModel model = MultiTaskModel.create(NetworkConfig.fromSignature(withStats, 4, List.of(16)), seed)) {
      ModelTrainer.train(model, data, TrainingConfig.builder().setSeed(seed).optMaxEpochs(3).optBatchSize(64)
          .optLearningRate(0.01f).build());
      return TeacherArtifact.write(dir, model, withStats);
    }
  }
}
