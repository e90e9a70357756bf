package io.crossdistill.student;

import io.crossdistill.aligner.AlignedTask;
import io.crossdistill.aligner.DistillationLoss;
import io.crossdistill.datasets.TaskDef;
import io.crossdistill.datasets.TaskKind;
import io.crossdistill.models.HeadSpec;
import io.crossdistill.models.Objective;
import java.util.ArrayList;
import java.util.List;

/**
 * Which heads a control and a distilled student have. Both serve one head per target task, trained on
 * true labels. The distilled student adds one auxiliary head per aligned teacher column (named
 * {@code teacher:<task>}), trained on the aligned teacher label with the alignment's loss, weight and
 * temperature and never served; auxiliary-only tasks (a teacher task with no target counterpart) get
 * such a head too.
 *
 * @param servingTasks the target tasks, in the order of the students' serving heads
 * @param aligned the aligned teacher columns, in column order
 */
public record DistillationPlan(List<TaskDef> servingTasks, List<AlignedTask> aligned) {

  /** Prefix of auxiliary head names. */
  public static final String AUXILIARY_PREFIX = "teacher:";

  public DistillationPlan {
    servingTasks = List.copyOf(servingTasks);
    aligned = List.copyOf(aligned);
  }

  /** Heads of the control student: serving heads only. */
  public List<HeadSpec> controlHeads() {
    List<HeadSpec> heads = new ArrayList<>();
    for (TaskDef task : servingTasks) {
      heads.add(HeadSpec.serving(task.name(),
          task.kind() == TaskKind.BINARY ? Objective.BINARY_CROSS_ENTROPY : Objective.MSE));
    }
    return heads;
  }

  /** Heads of the distilled student: the control's heads, then one auxiliary head per aligned column. */
  public List<HeadSpec> distilledHeads() {
    List<HeadSpec> heads = new ArrayList<>(controlHeads());
    for (AlignedTask column : aligned) {
      Objective objective;
      if (column.kind() == io.crossdistill.aligner.TaskKind.REGRESSION) {
        objective = Objective.MSE;
      } else {
        objective = column.loss() == DistillationLoss.SOFT_CROSS_ENTROPY ? Objective.SOFT_CROSS_ENTROPY
            : Objective.LOGIT_MSE;
      }
      heads.add(HeadSpec.auxiliary(AUXILIARY_PREFIX + column.name(), objective, (float) column.weight(),
          (float) column.temperature()));
    }
    return heads;
  }

  /**
   * Targets of the distilled student: the true labels of {@code examples} followed by the aligned
   * teacher labels ({@code examples.rows() × aligned().size()}, row-major; NaN where a row has none).
   */
  public float[] distilledTargets(EncodedExamples examples, float[] teacherLabels) {
    int rows = examples.data().rows();
    int trueWidth = servingTasks.size();
    int teacherWidth = aligned.size();
    if (examples.data().headCount() != trueWidth) {
      throw new IllegalArgumentException("examples have " + examples.data().headCount() + " label columns, the plan "
          + trueWidth + " serving tasks");
    }
    if (teacherLabels.length != (long) rows * teacherWidth) {
      throw new IllegalArgumentException("expected " + rows + " x " + teacherWidth + " teacher labels, got "
          + teacherLabels.length);
    }
    float[] truth = examples.data().targets();
    int width = trueWidth + teacherWidth;
    float[] targets = new float[rows * width];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(truth, r * trueWidth, targets, r * width, trueWidth);
      System.arraycopy(teacherLabels, r * teacherWidth, targets, r * width + trueWidth, teacherWidth);
    }
    return targets;
  }

  /** Targets of the distilled student for data without teacher labels (e.g. validation): NaN there. */
  public float[] distilledTargetsWithoutTeacher(EncodedExamples examples) {
    float[] none = new float[examples.data().rows() * aligned.size()];
    java.util.Arrays.fill(none, Float.NaN);
    return distilledTargets(examples, none);
  }
}
