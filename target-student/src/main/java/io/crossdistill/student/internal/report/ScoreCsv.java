package io.crossdistill.student.internal.report;

import io.crossdistill.schemas.TaskKind;
import io.crossdistill.schemas.metrics.Metrics;
import io.crossdistill.student.ModelRun;
import io.crossdistill.student.ScoredTask;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One run's per-example test scores as CSV, {@code example_id,task,score,label}, one row per (example,
 * task): the score is the sigmoid probability for a binary task and the value for a regression task;
 * an unlabelled example has an empty label. {@link #quote} is the one CSV quoting rule of the module's
 * score files ({@code student predict} writes with it too).
 */
public final class ScoreCsv {

  static final String HEADER = "example_id,task,score,label";

  private ScoreCsv() {
  }

  static void write(ModelRun run, Path file) throws IOException {
    List<String> ids = run.scores().exampleIds();
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      out.write(HEADER);
      out.write('\n');
      for (ScoredTask task : run.scores().tasks()) {
        float[] outputs = task.outputs();
        float[] labels = task.labels();
        boolean binary = task.task().kind() == TaskKind.BINARY;
        String name = quote(task.task().name());
        for (int r = 0; r < outputs.length; r++) {
          double score = binary ? Metrics.sigmoid(outputs[r]) : outputs[r];
          out.write(quote(ids.get(r)) + ',' + name + ',' + (float) score + ','
              + (Float.isNaN(labels[r]) ? "" : Float.toString(labels[r])));
          out.write('\n');
        }
      }
    }
  }

  /** The field as is, or in double quotes (inner quotes doubled) when it holds a comma, quote or line break. */
  public static String quote(String field) {
    if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }
}
