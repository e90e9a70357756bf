package io.crossdistill.student;

import io.crossdistill.models.TabularData;
import java.util.List;

/**
 * Examples encoded as a dense table, with the example id of every row (in file order) so that labels
 * from a label store can be joined to them.
 *
 * @param data the table: numeric features, ids and one target column per task
 * @param exampleIds the id of each row's example
 * @param tasks the task of each target column
 */
public record EncodedExamples(TabularData data, List<String> exampleIds, List<String> tasks) {

  public EncodedExamples {
    exampleIds = List.copyOf(exampleIds);
    tasks = List.copyOf(tasks);
    if (exampleIds.size() != data.rows()) {
      throw new IllegalArgumentException(exampleIds.size() + " ids for " + data.rows() + " rows");
    }
  }

  /** The true labels of one task (NaN where a row has none). */
  public float[] labels(String task) {
    int column = tasks.indexOf(task);
    if (column < 0) {
      throw new IllegalArgumentException("no task " + task + " among " + tasks);
    }
    return data.targetColumn(column);
  }
}
