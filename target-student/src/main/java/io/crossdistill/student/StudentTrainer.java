package io.crossdistill.student;

import io.crossdistill.datasets.TaskDef;
import io.crossdistill.models.HeadSpec;
import io.crossdistill.models.Metrics;
import io.crossdistill.models.ModelTrainer;
import io.crossdistill.models.MultiTaskModel;
import io.crossdistill.models.NetworkConfig;
import io.crossdistill.models.TabularData;
import io.crossdistill.models.TrainingConfig;
import io.crossdistill.models.TrainingReport;
import io.crossdistill.v1.Provenance;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trains one target student (control or distilled: the heads say which), early-stopped on the
 * validation data's serving heads, evaluates its serving heads on test data and saves it with its
 * provenance.
 */
public final class StudentTrainer {

  private StudentTrainer() {
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
