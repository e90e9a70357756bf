package io.crossdistill.student.internal.report;

import io.crossdistill.student.ComparisonOutputs;
import io.crossdistill.student.ComparisonResult;
import io.crossdistill.student.ModelRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The writing behind {@code ComparisonOutputs}: one call per output file. */
public final class ReportFiles {

  private ReportFiles() {
  }

  /** Writes metrics.json, the score CSVs and report.html into {@code outDir}. */
  public static List<Path> writeAll(ComparisonResult result, Path outDir) throws IOException {
    Files.createDirectories(outDir);
    List<Path> written = new ArrayList<>();
    Path json = outDir.resolve(ComparisonOutputs.METRICS_JSON);
    MetricsJson.write(result, json);
    written.add(json);
    Path scores = outDir.resolve(ComparisonOutputs.SCORES_DIRECTORY);
    Files.createDirectories(scores);
    for (ModelRun run : result.testRuns()) {
      Path csv = scores.resolve(scoreFileName(run));
      ScoreCsv.write(run, csv);
      written.add(csv);
    }
    Path html = outDir.resolve(ComparisonOutputs.REPORT_HTML);
    Files.writeString(html, new HtmlReport(result).render());
    written.add(html);
    return written;
  }

  /** {@code <variant>-f<fraction>-seed<seed>.csv}, characters other than letters, digits, '.', '-' as '_'. */
  public static String scoreFileName(ModelRun run) {
    String variant = run.variant().replaceAll("[^A-Za-z0-9.-]", "_");
    return variant + "-f" + run.fraction() + "-seed" + run.seed() + ".csv";
  }
}
