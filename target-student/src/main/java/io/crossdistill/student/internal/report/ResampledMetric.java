package io.crossdistill.student.internal.report;

import io.crossdistill.datasets.TaskDef;
import io.crossdistill.schemas.TaskKind;
import io.crossdistill.schemas.metrics.AucRanking;
import io.crossdistill.schemas.metrics.Metrics;

/**
 * A run's headline metric as a function of how many times each test example was drawn: AUC from a
 * ranking sorted once ({@link Metrics#aucRanking}), R² from {@link Metrics#r2(float[], float[], int[])}.
 */
@FunctionalInterface
interface ResampledMetric {

  double evaluate(int[] multiplicity);

  static ResampledMetric of(TaskDef task, float[][] outputsAndLabels) {
    float[] outputs = outputsAndLabels[0];
    float[] labels = outputsAndLabels[1];
    if (task.kind() == TaskKind.BINARY) {
      AucRanking ranking = Metrics.aucRanking(outputs, labels);
      return ranking::auc;
    }
    return multiplicity -> Metrics.r2(outputs, labels, multiplicity);
  }
}
