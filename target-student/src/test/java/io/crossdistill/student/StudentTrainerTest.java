package io.crossdistill.student;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossdistill.aligner.AlignedTask;
import io.crossdistill.aligner.DistillationLoss;
import io.crossdistill.datasets.TaskDef;
import io.crossdistill.models.IdInput;
import io.crossdistill.models.TabularData;
import io.crossdistill.models.TrainingListener;
import io.crossdistill.schemas.TaskKind;
import io.crossdistill.v1.LabelSpace;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StudentTrainerTest {

  private static final List<TaskDef> TASKS = List.of(TaskDef.binary("love", ""), TaskDef.regression("rating", ""));
  private static final List<AlignedTask> COLUMNS = List.of(
      new AlignedTask(0, "love", TaskKind.BINARY, true, LabelSpace.LOGIT, 1.0, DistillationLoss.LOGIT_MSE, 1, "love"));
  private static final StudentRecipe RECIPE = new StudentRecipe(new StudentSize(4, List.of(8)), 5e-3f, 64, 8, 2, 0);

  /** Rows whose love label follows x and whose rating is 3 + 2x, with a teacher that knows x. */
  private static TabularData table(int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] numeric = new float[rows];
    long[] ids = new long[rows];
    float[] targets = new float[rows * 2];
    for (int r = 0; r < rows; r++) {
      float x = (float) random.nextGaussian();
      numeric[r] = x;
      ids[r] = random.nextInt(10);
      targets[r * 2] = random.nextDouble() < 1 / (1 + Math.exp(-2 * x)) ? 1 : 0;
      targets[r * 2 + 1] = (float) (3 + 2 * x + random.nextGaussian() * 0.5);
    }
    return new TabularData(rows, 1, numeric, 1, ids, 2, targets);
  }

  private static float[] teacher(TabularData data) {
    float[] labels = new float[data.rows()];
    for (int r = 0; r < data.rows(); r++) {
      labels[r] = 2 * data.numeric(r, 0);
    }
    return labels;
  }

  private static StudentTrainer.Trained train(Variant variant, long seed) {
    TabularData train = table(600, 1);
    TabularData valid = table(200, 2);
    StudentPlan plan = StudentPlan.of(TASKS, COLUMNS, variant, train);
    return StudentTrainer.train(plan, List.of(new IdInput("user_id", 11, 4)), train, teacher(train), valid,
        RECIPE.size(), RECIPE.training(seed, TrainingListener.NONE));
  }

  @Test
  void sameSeed_givesTheSameStudent_bitForBit() {
    Variant aux = new Variant("distilled", Variant.Distillation.AUXILIARY, 1, Variant.TeacherSource.SINGLE, false);
    TabularData test = table(100, 3);
    try (StudentTrainer.Trained a = train(aux, 7); StudentTrainer.Trained b = train(aux, 7);
        StudentTrainer.Trained c = train(aux, 8)) {
      assertThat(a.predict(test)).containsExactly(b.predict(test));
      assertThat(a.predict(test)).isNotEqualTo(c.predict(test));
    }
  }

  @Test
  void trainedStudent_learnsBothTasks_andAnswersRatingsInTheirUnits() {
    TabularData test = table(400, 4);
    try (StudentTrainer.Trained control = train(Variant.control(), 1)) {
      var byTask = control.predictByTask(test);
      TaskMetrics love = TaskMetrics.of(TASKS.get(0), byTask.get("love"), test.targetColumn(0));
      TaskMetrics rating = TaskMetrics.of(TASKS.get(1), byTask.get("rating"), test.targetColumn(1));
      assertThat(love.auc().orElseThrow()).isGreaterThan(0.7);
      assertThat(rating.r2().orElseThrow()).isGreaterThan(0.5);
      assertThat(control.report().epochs()).isNotEmpty();
    }
  }
}
