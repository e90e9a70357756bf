package io.crossdistill.student;

import io.crossdistill.datasets.TaskDef;
import io.crossdistill.models.IdInput;
import io.crossdistill.models.ModelTrainer;
import io.crossdistill.models.MultiTaskModel;
import io.crossdistill.models.NetworkConfig;
import io.crossdistill.models.TabularData;
import io.crossdistill.models.TrainingConfig;
import io.crossdistill.models.TrainingReport;
import io.crossdistill.schemas.metrics.Metrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains one target student for a {@link StudentPlan}: its heads start at their priors, it is
 * early-stopped on the validation data's serving heads (true labels only) and keeps its best epoch.
 * The same data, plan, size and config (seed included) give the same student, bit for bit.
 */
public final class StudentTrainer {

  private StudentTrainer() {
  }

  /**
   * A trained student: close it to free its native memory.
   *
   * @param plan the plan it was trained for
   * @param model the network
   * @param report the training report (learning curve, best epoch)
   */
  public record Trained(StudentPlan plan, MultiTaskModel model, TrainingReport report) implements AutoCloseable {

    /** Serving outputs for encoded rows, {@code rows × servingTasks}: logits, or values in the task's units. */
    public float[] predict(TabularData data) {
      return plan.servingOutputs(model.predict(data), data.rows());
    }

    /** The serving outputs of every task, by task name, for encoded rows. */
    public Map<String, float[]> predictByTask(TabularData data) {
      float[] outputs = predict(data);
      List<TaskDef> tasks = plan.servingTasks();
      Map<String, float[]> byTask = new LinkedHashMap<>();
      for (int t = 0; t < tasks.size(); t++) {
        byTask.put(tasks.get(t).name(), Metrics.column(outputs, tasks.size(), t));
      }
      return byTask;
    }

    @Override
    public void close() {
      model.close();
    }
  }

  /**
   * Trains a student.
   *
   * @param plan heads and targets
   * @param idInputs the id inputs of the encoded tables (see {@link ExampleEncoder#idInputs})
   * @param train encoded training rows (true labels, one column per serving task)
   * @param teacherLabels aligned teacher labels of the training rows (ignored by a control)
   * @param valid encoded validation rows (true labels)
   */
  public static Trained train(StudentPlan plan, List<IdInput> idInputs, TabularData train, float[] teacherLabels,
      TabularData valid, StudentSize size, TrainingConfig config) {
    var heads = plan.heads();
    NetworkConfig network = new NetworkConfig(idInputs, train.numericWidth(), size.hiddenWidths(), heads);
    float[] trainTargets = plan.trainTargets(train, teacherLabels);
    TabularData trainTable = train.withTargets(heads.size(), trainTargets);
    TabularData validTable = valid.withTargets(heads.size(), plan.validationTargets(valid));
    MultiTaskModel model = MultiTaskModel.create(network, config.seed());
    try {
      model.setHeadBiases(plan.headBiases(trainTargets, train.rows()));
      TrainingReport report = ModelTrainer.train(model, trainTable, validTable, config);
      return new Trained(plan, model, report);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }
}
