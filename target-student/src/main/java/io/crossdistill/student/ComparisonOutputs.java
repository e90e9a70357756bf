package io.crossdistill.student;

import io.crossdistill.student.internal.report.ReportFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a {@link ComparisonResult} where people and other tools can read it: {@code metrics.json}
 * (every run's metrics, provenance and learning curve, and every comparison), one CSV of per-example
 * test scores per model under {@code scores/}, and {@code report.html}, one self-contained page with
 * charts and tables.
 */
public final class ComparisonOutputs {

  public static final String METRICS_JSON = "metrics.json";
  public static final String REPORT_HTML = "report.html";
  public static final String SCORES_DIRECTORY = "scores";

  private ComparisonOutputs() {
  }

  /**
   * Writes every output into {@code outDir}, creating it if needed and replacing files of the same names.
   *
   * @return the files written
   */
  public static List<Path> write(ComparisonResult result, Path outDir) throws IOException {
    return ReportFiles.writeAll(result, outDir);
  }

  /** The score file's name of a test run, e.g. {@code distilled-f0.1-seed3.csv}. */
  public static String scoreFileName(ModelRun run) {
    return ReportFiles.scoreFileName(run);
  }
}
