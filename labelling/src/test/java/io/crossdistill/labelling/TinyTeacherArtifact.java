package io.crossdistill.labelling;

import io.crossdistill.models.InputStatistics;
import io.crossdistill.models.ModelException;
import io.crossdistill.models.ModelTrainer;
import io.crossdistill.models.MultiTaskModel;
import io.crossdistill.models.NetworkConfig;
import io.crossdistill.models.TabularData;
import io.crossdistill.models.TeacherArtifact;
import io.crossdistill.models.TrainingConfig;
import io.crossdistill.v1.Example;
import io.crossdistill.v1.TeacherSignature;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A real DJL teacher on {@link TinyTeacher}'s signature (plays, user → click, watch_time): a small
 * multi-task network trained for a few epochs on generated rows and written as a sealed artifact with
 * training statistics, in about a second. Seeded, so the same artifact bytes (and content hash) every run;
 * and the label path over it: {@link TinyTeacher}'s mapping and alignment compiled for the sealed version.
 */
final class TinyTeacherArtifact {

  /** The run part of every label the backfill tests make. */
  static final RunStamp RUN = new RunStamp(Map.of("batchRows", "16", "purpose", "backfill-test"), 7, "",
      "crossdistill-labelling-test");

  private TinyTeacherArtifact() {
  }

  /** Trains the teacher with {@code seed} and writes it into {@code dir}; returns its sealed signature. */
  static TeacherSignature write(Path dir, long seed) throws ModelException {
    TeacherSignature unsealed = TeacherSignature.newBuilder(TinyTeacher.signature()).setContentHash("").build();
    int rows = 512;
    SplittableRandom random = new SplittableRandom(seed);
    float[] numeric = new float[rows];
    long[] ids = new long[rows];
    float[] targets = new float[rows * 2];
    for (int r = 0; r < rows; r++) {
      float plays = (float) (random.nextDouble() * 4);
      long user = random.nextInt(10);
      numeric[r] = plays;
      ids[r] = user;
      double score = 0.9 * plays - 1.8 + (user % 3 == 0 ? 0.6 : -0.2);
      targets[2 * r] = random.nextDouble() < 1 / (1 + Math.exp(-score)) ? 1f : 0f;
      targets[2 * r + 1] = (float) (1.5 * plays + 0.1 * user + random.nextGaussian() * 0.1);
    }
    TabularData data = new TabularData(rows, 1, numeric, 1, ids, 2, targets);
    TeacherSignature withStats = InputStatistics.withStatistics(unsealed, data);
    try (MultiTaskModel model = MultiTaskModel.create(NetworkConfig.fromSignature(withStats, 4, List.of(16)), seed)) {
      ModelTrainer.train(model, data, TrainingConfig.builder().setSeed(seed).optMaxEpochs(3).optBatchSize(64)
          .optLearningRate(0.01f).build());
      return TeacherArtifact.write(dir, model, withStats);
    }
  }

  /** The label path of {@link TinyTeacher}'s mapping and alignment, compiled for the sealed version {@code sealed}. */
  static LabelPath path(TeacherSignature sealed) {
    return LabelPath.compile(TinyTeacher.mappingSpec(sealed.getContentHash()), Example.getClassSchema(),
        TinyTeacher.alignmentSpec(), sealed);
  }
}
