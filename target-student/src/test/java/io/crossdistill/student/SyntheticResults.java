package io.crossdistill.student;

import io.crossdistill.datasets.TaskDef;
import io.crossdistill.models.EpochLoss;
import io.crossdistill.schemas.TaskKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * Seeded synthetic runs for the report tests: three tasks (two binary, one regression) on fixed test and
 * validation examples, 2 fractions × 3 seeds × 3 variants, plus the teacher zero-shot. Each model's
 * outputs are the true signal plus noise whose size depends on the variant and the fraction, so
 * "distilled" is better than "control" and both improve with more data.
 */
final class SyntheticResults {

  static final TaskDef LOVE = TaskDef.binary("love", "the user loves the item");
  static final TaskDef CHURN = TaskDef.binary("churn", "the user leaves within 30 days");
  static final TaskDef SPEND = TaskDef.regression("spend", "log spend next month");
  static final List<String> VARIANTS = List.of(ModelRun.CONTROL, "distilled", "direct");
  static final List<Double> FRACTIONS = List.of(0.1, 1.0);
  static final List<Long> SEEDS = List.of(1L, 2L, 3L);
  static final int TEST_EXAMPLES = 300;
  static final int VALID_EXAMPLES = 80;

  private SyntheticResults() {
  }

  static ComparisonResult result() {
    return ComparisonResult.of("Synthetic comparison", "synthetic-data", runs(), ModelRun.CONTROL,
        List.of("feature      coverage  drift (PSI)", "age          100.0%    0.02", "country,\"x\"  <93.5%>   0.31"),
        List.of("Synthetic data for tests & checks."));
  }

  static List<ModelRun> runs() {
    Truth test = new Truth("t", TEST_EXAMPLES, 11);
    Truth valid = new Truth("v", VALID_EXAMPLES, 12);
    List<ModelRun> runs = new ArrayList<>();
    runs.add(run(ModelRun.TEACHER_ZERO_SHOT, 0.0, 0, ModelRun.TEST, test, 1.4, List.of()));
    for (double fraction : FRACTIONS) {
      for (String variant : VARIANTS) {
        double noise = switch (variant) {
          case ModelRun.CONTROL -> 1.6;
          case "distilled" -> 0.9;
          default -> 1.3;
        } - (fraction == 1.0 ? 0.4 : 0);
        for (long seed : SEEDS) {
          List<EpochLoss> curve = new ArrayList<>();
          for (int epoch = 1; epoch <= 6; epoch++) {
            curve.add(new EpochLoss(epoch, 20, noise / epoch + 0.5, noise / Math.sqrt(epoch) + 0.4 + 0.01 * seed));
          }
          runs.add(run(variant, fraction, seed, ModelRun.TEST, test, noise, curve));
          runs.add(run(variant, fraction, seed, ModelRun.VALID, valid, noise, curve));
        }
      }
    }
    return runs;
  }

  /** One model's outputs: the truth's signal plus noise of the given size, seeded by what the model is. */
  static ModelRun run(String variant, double fraction, long seed, String split, Truth truth, double noise,
      List<EpochLoss> curve) {
    SplittableRandom random = new SplittableRandom((variant + fraction + seed + split).hashCode());
    List<ScoredTask> tasks = new ArrayList<>();
    for (int t = 0; t < truth.signals.length; t++) {
      float[] outputs = new float[truth.size()];
      for (int i = 0; i < outputs.length; i++) {
        outputs[i] = (float) (truth.signals[t][i] + noise * gaussian(random));
      }
      tasks.add(new ScoredTask(truth.tasks.get(t), outputs, truth.labels[t]));
    }
    Map<String, String> provenance = Map.of("teacherHash", "sha256:0f3a", "mappingVersion", "3",
        "hyperParameters", "lr=0.001 epochs=6 <hidden=64>");
    OptionalLong parameters = variant.equals(ModelRun.TEACHER_ZERO_SHOT) ? OptionalLong.empty() : OptionalLong.of(12_345);
    return ModelRun.of(variant, fraction, seed, split, new ScoredSplit(truth.ids, tasks), curve, provenance, parameters);
  }

  static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  /** The true signal and labels of a split: binary labels drawn from sigmoid(signal), some unlabelled. */
  static final class Truth {

    final List<String> ids = new ArrayList<>();
    final List<TaskDef> tasks = List.of(LOVE, CHURN, SPEND);
    final double[][] signals;
    final float[][] labels;

    Truth(String prefix, int n, long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      signals = new double[tasks.size()][n];
      labels = new float[tasks.size()][n];
      for (int i = 0; i < n; i++) {
        ids.add(i == 3 ? prefix + "-3,\"quoted\"" : prefix + "-" + i);
        for (int t = 0; t < tasks.size(); t++) {
          double s = 2 * gaussian(random);
          signals[t][i] = s;
          boolean binary = tasks.get(t).kind() == TaskKind.BINARY;
          labels[t][i] = binary ? (random.nextDouble() < 1 / (1 + Math.exp(-s)) ? 1 : 0) : (float) (s + gaussian(random));
          if (i % 29 == 7 && t == 1) {
            labels[t][i] = Float.NaN;
          }
        }
      }
    }

    int size() {
      return ids.size();
    }
  }
}
