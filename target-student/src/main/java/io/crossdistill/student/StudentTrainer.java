package io.crossdistill.student;

import io.crossdistill.datasets.TaskDef;
import io.crossdistill.models.HeadSpec;
import io.crossdistill.models.IdInput;
import io.crossdistill.models.ModelTrainer;
import io.crossdistill.models.MultiTaskModel;
import io.crossdistill.models.NetworkConfig;
import io.crossdistill.models.TabularData;
import io.crossdistill.models.TrainingConfig;
import io.crossdistill.models.TrainingReport;
import io.crossdistill.models.Metrics;
import io.crossdistill.v1.Provenance;
import java.nio.file.Path;
import java.util.TreeMap;
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
        byTask.put(tasks.get(t).name(), io.crossdistill.models.Metrics.column(outputs, tasks.size(), t));
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

  /**
   * A trained and evaluated student.
   *
   * @param name e.g. "control" or "distilled"
   * @param parameters number of trainable parameters
   * @param report the training report
   * @param scores per serving task, its test scores
   * @param savedTo the model directory
   */
  public record Result(String name, long parameters, TrainingReport report, Map<String, TaskScores> scores,
      Path savedTo) {
  }

  /**
   * Trains and evaluates a student.
   *
   * @param heads the student's heads; the first {@code servingTasks.size()} are the serving heads
   * @param train training data whose targets match {@code heads}
   * @param valid validation data whose targets match {@code heads} (NaN where there is no label)
   * @param test test examples encoded with the same encoder, true labels of {@code servingTasks}
   */
  public static Result trainAndEvaluate(String name, List<HeadSpec> heads, ExampleEncoder encoder, TabularData train,
      TabularData valid, EncodedExamples test, List<TaskDef> servingTasks, StudentSize size, TrainingConfig config,
      Path saveDir, Provenance provenance) {
    NetworkConfig network = new NetworkConfig(encoder.idInputs(size.embeddingDim()), encoder.numericWidth(),
        size.hiddenWidths(), heads);
    try (MultiTaskModel model = MultiTaskModel.create(network, config.seed())) {
      TrainingReport report = ModelTrainer.train(model, train, valid, config);
      float[] outputs = model.predict(test.data());
      Map<String, TaskScores> scores = new LinkedHashMap<>();
      for (int h = 0; h < servingTasks.size(); h++) {
        TaskDef task = servingTasks.get(h);
        scores.put(task.name(), TaskScores.of(task, Metrics.column(outputs, heads.size(), h), test.labels(task.name())));
      }
      Map<String, String> hp = new TreeMap<>(provenance.getHyperParameters());
      hp.putAll(config.hyperParameters());
      hp.put("student", name);
      hp.put("embeddingDim", Integer.toString(size.embeddingDim()));
      hp.put("hiddenWidths", size.hiddenWidths().toString());
      Provenance stamped = Provenance.newBuilder(provenance).setHyperParameters(hp).setSeed(config.seed()).build();
      model.save(saveDir, stamped);
      return new Result(name, model.parameterCount(), report, scores, saveDir);
    }
  }
}
