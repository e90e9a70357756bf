package io.crossdistill.student;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.crossdistill.aligner.AlignedTask;
import io.crossdistill.aligner.DistillationLoss;
import io.crossdistill.datasets.TaskDef;
import io.crossdistill.models.HeadSpec;
import io.crossdistill.models.Objective;
import io.crossdistill.models.TabularData;
import io.crossdistill.schemas.TaskKind;
import io.crossdistill.v1.LabelSpace;
import java.util.List;
import org.junit.jupiter.api.Test;

class StudentPlanTest {

  private static final List<TaskDef> TASKS = List.of(TaskDef.binary("love", ""), TaskDef.regression("rating", ""),
      TaskDef.binary("dislike", ""));
  /** love and rating distilled, like auxiliary-only (soft cross-entropy, T = 2); dislike not distilled. */
  private static final List<AlignedTask> COLUMNS = List.of(
      new AlignedTask(0, "love", TaskKind.BINARY, true, LabelSpace.LOGIT, 1.0, DistillationLoss.LOGIT_MSE, 1, "love"),
      new AlignedTask(1, "rating", TaskKind.REGRESSION, true, LabelSpace.VALUE, 2.0, DistillationLoss.LOGIT_MSE, 1,
          "rating"),
      new AlignedTask(2, "like", TaskKind.BINARY, false, LabelSpace.LOGIT, 0.5, DistillationLoss.SOFT_CROSS_ENTROPY,
          2, "like"));

  /** Four rows: love 1,0,0,0; rating 1,3,5,3; dislike 1,0,0,NaN. */
  private static TabularData train() {
    float[] targets = {1, 1, 1, 0, 3, 0, 0, 5, 0, 0, 3, Float.NaN};
    return new TabularData(4, 1, new float[] {0, 1, 2, 3}, 0, new long[0], 3, targets);
  }

  /** Teacher labels of the four rows: love logit, rating value, like logit. */
  private static final float[] TEACHER = {0, 4, 1, 2, 2, 1, -2, 4, 1, 0, 4, 1};

  @Test
  void control_hasOneServingHeadPerTask_andIgnoresTeacherLabels() {
    StudentPlan plan = StudentPlan.of(TASKS, COLUMNS, Variant.control(), train());
    assertThat(plan.heads()).extracting(HeadSpec::name).containsExactly("love", "rating", "dislike");
    assertThat(plan.heads()).allMatch(HeadSpec::serving);
    float[] targets = plan.trainTargets(train(), new float[0]);
    assertThat(targets[0]).isEqualTo(1f);
  }

  @Test
  void auxiliary_addsANonServingHeadPerColumn_withTheAlignmentsLossAndWeightTimesTheVariantsWeight() {
    Variant aux = new Variant("distilled", Variant.Distillation.AUXILIARY, 3, Variant.TeacherSource.SINGLE, false);
    StudentPlan plan = StudentPlan.of(TASKS, COLUMNS, aux, train());
    List<HeadSpec> heads = plan.heads();
    assertThat(heads).extracting(HeadSpec::name)
        .containsExactly("love", "rating", "dislike", "teacher:love", "teacher:rating", "teacher:like");
    assertThat(heads.subList(3, 6)).noneMatch(HeadSpec::serving);
    assertThat(heads.get(3).objective()).isEqualTo(Objective.LOGIT_MSE);
    assertThat(heads.get(4).objective()).isEqualTo(Objective.MSE);
    assertThat(heads.get(5).objective()).isEqualTo(Objective.SOFT_CROSS_ENTROPY);
    assertThat(heads.get(5).temperature()).isEqualTo(2f);
    assertThat(heads.get(3).weight()).isEqualTo(3f);
    assertThat(heads.get(4).weight()).isEqualTo(6f);
    assertThat(heads.get(5).weight()).isEqualTo(1.5f);
  }

  @Test
  void regressionTargets_areStandardisedWithTheTrainingLabels_andOutputsComeBackInTheTasksUnits() {
    StudentPlan plan = StudentPlan.of(TASKS, COLUMNS, Variant.control(), train());
    // ratings 1, 3, 5, 3: mean 3, population std sqrt(2)
    assertThat(plan.scale(1)[0]).isEqualTo(3.0);
    assertThat(plan.scale(1)[1]).isCloseTo(Math.sqrt(2), within(1e-9));
    float[] targets = plan.trainTargets(train(), new float[0]);
    assertThat(targets[2 * 3 + 1]).isCloseTo((float) (2 / Math.sqrt(2)), within(1e-6f));
    float[] raw = {0, 1, 0};
    assertThat(plan.servingOutputs(raw, 1)[1]).isCloseTo((float) (3 + Math.sqrt(2)), within(1e-5f));
  }

  @Test
  void auxiliaryRegressionLabels_useTheServingTasksScale() {
    Variant aux = new Variant("distilled", Variant.Distillation.AUXILIARY, 1, Variant.TeacherSource.SINGLE, false);
    StudentPlan plan = StudentPlan.of(TASKS, COLUMNS, aux, train());
    float[] targets = plan.trainTargets(train(), TEACHER);
    // row 0's teacher rating 4 → (4 − 3) / √2; its teacher love logit stays a logit
    assertThat(targets[4]).isCloseTo((float) (1 / Math.sqrt(2)), within(1e-6f));
    assertThat(targets[3]).isEqualTo(0f);
  }

  @Test
  void direct_mixesTrueAndTeacherLabels_onServingHeadsOfDistilledTasksOnly() {
    Variant direct = new Variant("direct", Variant.Distillation.DIRECT, 1, Variant.TeacherSource.SINGLE, false);
    StudentPlan plan = StudentPlan.of(TASKS, COLUMNS, direct, train());
    assertThat(plan.heads()).hasSize(3);
    float[] targets = plan.trainTargets(train(), TEACHER);
    // row 0: love y = 1, teacher logit 0 → p = 0.5, weight 1 → (1 + 0.5) / 2
    assertThat(targets[0]).isCloseTo(0.75f, within(1e-6f));
    // row 1: rating y = 3 → 0 standardised, teacher 2 → −1/√2, weight 2 → (0 + 2 · −1/√2) / 3
    assertThat(targets[3 + 1]).isCloseTo((float) (-2 / Math.sqrt(2) / 3), within(1e-6f));
    // dislike is not distilled: true labels, the missing one stays missing
    assertThat(targets[0 * 3 + 2]).isEqualTo(1f);
    assertThat(targets[3 * 3 + 2]).isNaN();
  }

  @Test
  void headBiases_startAtTheTrainingPriors() {
    StudentPlan plan = StudentPlan.of(TASKS, COLUMNS, Variant.control(), train());
    float[] targets = plan.trainTargets(train(), new float[0]);
    float[] biases = plan.headBiases(targets, 4);
    assertThat(biases[0]).isCloseTo((float) Math.log(0.25 / 0.75), within(1e-5f)); // love: 1 of 4
    assertThat(biases[1]).isCloseTo(0f, within(1e-6f)); // standardised rating
    assertThat(biases[2]).isCloseTo((float) Math.log(0.5), within(1e-5f)); // dislike: 1 of 3 labelled
  }

  @Test
  void validationTargets_holdTrueLabelsOnly() {
    Variant aux = new Variant("distilled", Variant.Distillation.AUXILIARY, 1, Variant.TeacherSource.SINGLE, false);
    StudentPlan plan = StudentPlan.of(TASKS, COLUMNS, aux, train());
    float[] valid = plan.validationTargets(train());
    assertThat(valid).hasSize(4 * 6);
    for (int r = 0; r < 4; r++) {
      for (int h = 3; h < 6; h++) {
        assertThat(valid[r * 6 + h]).isNaN();
      }
    }
  }

  @Test
  void teacherLabelsOfTheWrongShape_areRefused() {
    Variant aux = new Variant("distilled", Variant.Distillation.AUXILIARY, 1, Variant.TeacherSource.SINGLE, false);
    StudentPlan plan = StudentPlan.of(TASKS, COLUMNS, aux, train());
    assertThatThrownBy(() -> plan.trainTargets(train(), new float[5])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4 x 3");
  }

  @Test
  void variantNamesAndWeights_areValidated() {
    assertThatThrownBy(() -> new Variant("Bad Name", Variant.Distillation.NONE, 0, Variant.TeacherSource.SINGLE,
        false)).hasMessageContaining("lower-case");
    assertThatThrownBy(() -> Variant.control().withTeacherWeight(-1)).hasMessageContaining(">= 0");
  }
}
