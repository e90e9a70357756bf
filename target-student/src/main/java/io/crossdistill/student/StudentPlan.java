package io.crossdistill.student;

import io.crossdistill.aligner.AlignedTask;
import io.crossdistill.aligner.DistillationLoss;
import io.crossdistill.datasets.TaskDef;
import io.crossdistill.models.HeadSpec;
import io.crossdistill.models.Objective;
import io.crossdistill.models.TabularData;
import io.crossdistill.schemas.TaskKind;
import io.crossdistill.schemas.metrics.Metrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The heads of one student and the targets each head learns, for a {@link Variant}. Every student serves
 * one head per target task, trained on true labels. An {@link Variant.Distillation#AUXILIARY} student
 * adds one head per aligned teacher column ({@code teacher:<task>}, never served) trained on the aligned
 * label with the alignment's loss, temperature and weight; auxiliary-only tasks get such a head too. A
 * {@link Variant.Distillation#DIRECT} student has no extra heads: the serving head of each distilled task
 * learns {@code (y + w·teacher) / (1 + w)} (probabilities for binary tasks), which is the same gradient as
 * a true-label loss plus {@code w} times a teacher-label loss. Tasks the alignment does not distill learn
 * true labels only.
 *
 * <p>Regression targets (true and teacher) are standardised with the training labels' mean and standard
 * deviation; {@link #servingOutputs} turns outputs back into the task's units. Head biases start at the
 * training targets' priors: log-odds of the positive rate, 0 for standardised values.
 */
public final class StudentPlan {

  /** Prefix of auxiliary head names. */
  public static final String AUXILIARY_PREFIX = "teacher:";

  private final List<TaskDef> servingTasks;
  private final List<AlignedTask> aligned;
  private final Variant variant;
  private final double[] mean;
  private final double[] std;

  private StudentPlan(List<TaskDef> servingTasks, List<AlignedTask> aligned, Variant variant, double[] mean,
      double[] std) {
    this.servingTasks = List.copyOf(servingTasks);
    this.aligned = List.copyOf(aligned);
    this.variant = variant;
    this.mean = mean;
    this.std = std;
  }

  /**
   * A plan whose regression scales are those of {@code train}'s true labels (one target column per serving
   * task, in order).
   */
  public static StudentPlan of(List<TaskDef> servingTasks, List<AlignedTask> aligned, Variant variant,
      TabularData train) {
    if (train.headCount() != servingTasks.size()) {
      throw new IllegalArgumentException("training data has " + train.headCount() + " label columns for "
          + servingTasks.size() + " serving tasks");
    }
    double[] mean = new double[servingTasks.size()];
    double[] std = new double[servingTasks.size()];
    for (int t = 0; t < servingTasks.size(); t++) {
      mean[t] = 0;
      std[t] = 1;
      if (servingTasks.get(t).kind() == TaskKind.REGRESSION) {
        double[] ms = meanStd(train.targetColumn(t));
        mean[t] = ms[0];
        std[t] = ms[1];
      }
    }
    return new StudentPlan(servingTasks, variant.distills() ? aligned : List.of(), variant, mean, std);
  }

  /** The variant this plan trains. */
  public Variant variant() {
    return variant;
  }

  /** The serving tasks, in the order of the first heads. */
  public List<TaskDef> servingTasks() {
    return servingTasks;
  }

  /** Regression scale of a serving task: {mean, std} (0, 1 for binary tasks). */
  public double[] scale(int task) {
    return new double[] {mean[task], std[task]};
  }

  /** The student's heads: the serving heads, then (auxiliary mode) one head per aligned column. */
  public List<HeadSpec> heads() {
    List<HeadSpec> heads = new ArrayList<>();
    for (TaskDef task : servingTasks) {
      heads.add(HeadSpec.serving(task.name(),
          task.kind() == TaskKind.BINARY ? Objective.BINARY_CROSS_ENTROPY : Objective.MSE));
    }
    if (variant.distillation() == Variant.Distillation.AUXILIARY) {
      for (AlignedTask column : aligned) {
        heads.add(HeadSpec.auxiliary(AUXILIARY_PREFIX + column.name(), auxiliaryObjective(column),
            (float) (column.weight() * variant.teacherWeight()), (float) column.temperature()));
      }
    }
    return heads;
  }

  /**
   * Training targets: one column per head. {@code teacherLabels} holds the aligned teacher labels of
   * every training row ({@code rows × aligned columns}, row-major, NaN where a row has none); it is
   * ignored by the control.
   */
  public float[] trainTargets(TabularData train, float[] teacherLabels) {
    int rows = train.rows();
    int columns = aligned.size();
    if (variant.distills() && teacherLabels.length != (long) rows * columns) {
      throw new IllegalArgumentException("expected " + rows + " x " + columns + " teacher labels, got "
          + teacherLabels.length);
    }
    int width = heads().size();
    float[] out = servingTargets(train, width);
    if (variant.distillation() == Variant.Distillation.AUXILIARY) {
      int serving = servingTasks.size();
      for (int c = 0; c < columns; c++) {
        AlignedTask column = aligned.get(c);
        int task = servingIndex(column.name());
        for (int r = 0; r < rows; r++) {
          float t = teacherLabels[r * columns + c];
          out[r * width + serving + c] = column.kind() == TaskKind.REGRESSION && task >= 0
              ? (float) ((t - mean[task]) / std[task]) : t;
        }
      }
    } else if (variant.distillation() == Variant.Distillation.DIRECT) {
      for (int c = 0; c < columns; c++) {
        AlignedTask column = aligned.get(c);
        int task = servingIndex(column.name());
        if (task < 0 || !column.serving()) {
          continue; // auxiliary-only columns have no serving head to mix into
        }
        double w = column.weight() * variant.teacherWeight();
        boolean binary = servingTasks.get(task).kind() == TaskKind.BINARY;
        for (int r = 0; r < rows; r++) {
          float t = teacherLabels[r * columns + c];
          float y = out[r * width + task];
          if (Float.isNaN(t) || Float.isNaN(y)) {
            continue;
          }
          double teacher = binary ? Metrics.sigmoid(t) : (t - mean[task]) / std[task];
          out[r * width + task] = (float) ((y + w * teacher) / (1 + w));
        }
      }
    }
    return out;
  }

  /** Validation targets: true labels on the serving heads, none on auxiliary heads (early stopping watches serving). */
  public float[] validationTargets(TabularData valid) {
    return servingTargets(valid, heads().size());
  }

  /** Initial head biases for training targets from {@link #trainTargets}: each head's prior. */
  public float[] headBiases(float[] trainTargets, int rows) {
    List<HeadSpec> heads = heads();
    int width = heads.size();
    float[] biases = new float[width];
    for (int h = 0; h < width; h++) {
      double sum = 0;
      long n = 0;
      boolean probability = heads.get(h).objective().isCrossEntropy();
      HeadSpec head = heads.get(h);
      for (int r = 0; r < rows; r++) {
        float v = trainTargets[r * width + h];
        if (!Float.isNaN(v)) {
          sum += head.objective() == Objective.SOFT_CROSS_ENTROPY ? Metrics.sigmoid(v / head.temperature()) : v;
          n++;
        }
      }
      double m = n == 0 ? (probability ? 0.5 : 0) : sum / n;
      if (probability) {
        double p = Math.min(1 - 1e-4, Math.max(1e-4, m));
        double logit = Math.log(p / (1 - p));
        biases[h] = (float) (head.objective() == Objective.SOFT_CROSS_ENTROPY ? logit * head.temperature() : logit);
      } else {
        biases[h] = (float) m;
      }
    }
    return biases;
  }

  /**
   * The serving heads' outputs in the tasks' terms, {@code rows × servingTasks}: logits for binary
   * tasks, values in the task's units for regression tasks.
   */
  public float[] servingOutputs(float[] rawOutputs, int rows) {
    int width = heads().size();
    int serving = servingTasks.size();
    float[] out = new float[rows * serving];
    for (int r = 0; r < rows; r++) {
      for (int t = 0; t < serving; t++) {
        out[r * serving + t] = (float) (rawOutputs[r * width + t] * std[t] + mean[t]);
      }
    }
    return out;
  }

  private float[] servingTargets(TabularData data, int width) {
    int rows = data.rows();
    int serving = servingTasks.size();
    if (data.headCount() != serving) {
      throw new IllegalArgumentException("data has " + data.headCount() + " label columns for " + serving
          + " serving tasks");
    }
    float[] out = new float[rows * width];
    Arrays.fill(out, Float.NaN);
    for (int r = 0; r < rows; r++) {
      for (int t = 0; t < serving; t++) {
        float y = data.target(r, t);
        out[r * width + t] = Float.isNaN(y) ? Float.NaN : (float) ((y - mean[t]) / std[t]);
      }
    }
    return out;
  }

  private int servingIndex(String task) {
    for (int t = 0; t < servingTasks.size(); t++) {
      if (servingTasks.get(t).name().equals(task)) {
        return t;
      }
    }
    return -1;
  }

  private static Objective auxiliaryObjective(AlignedTask column) {
    if (column.kind() == TaskKind.REGRESSION) {
      return Objective.MSE;
    }
    return column.loss() == DistillationLoss.SOFT_CROSS_ENTROPY ? Objective.SOFT_CROSS_ENTROPY : Objective.LOGIT_MSE;
  }

  private static double[] meanStd(float[] values) {
    double sum = 0;
    double sumSq = 0;
    long n = 0;
    for (float v : values) {
      if (!Float.isNaN(v)) {
        sum += v;
        sumSq += (double) v * v;
        n++;
      }
    }
    double m = n == 0 ? 0 : sum / n;
    double var = n == 0 ? 1 : Math.max(0, sumSq / n - m * m);
    return new double[] {m, var > 1e-12 ? Math.sqrt(var) : 1};
  }
}
