package io.crossdistill.student.internal.report;

import io.crossdistill.datasets.TaskDef;
import io.crossdistill.student.Comparison;
import io.crossdistill.student.ComparisonResult;
import io.crossdistill.student.ModelRun;
import io.crossdistill.student.TaskMetrics;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page (styles inline, charts as data URIs, no external
 * resource) with the comparisons and their verdicts, the test metrics, the charts, the mapping's
 * coverage and drift, and the provenance of every model. It is XHTML-compatible HTML5, so a strict XML
 * parser reads it too.
 */
final class HtmlReport {

  private static final String STYLE = """
      body{font-family:sans-serif;margin:0 auto;max-width:1260px;padding:0 10px;color:#222;line-height:1.4}
      table{border-collapse:collapse;margin:8px 0 20px;font-size:13px}
      th,td{border:1px solid #ccc;padding:3px 7px;text-align:left;vertical-align:top}
      th{background:#f2f2f2}
      td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
      tr.significant td.verdict{color:#0a6b2d;font-weight:bold}
      .charts{display:flex;flex-wrap:wrap;gap:8px}
      figure{margin:0}
      img{max-width:100%;height:auto;border:1px solid #eee}
      pre{background:#f7f7f7;padding:8px;overflow-x:auto;font-size:12px}
      td.provenance{font-family:monospace;font-size:12px;word-break:break-all}
      """;

  private final ComparisonResult result;
  private final SeedSummary summary;

  HtmlReport(ComparisonResult result) {
    this.result = result;
    this.summary = new SeedSummary(result.testRuns());
  }

  String render() throws IOException {
    Html h = new Html();
    h.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>")
        .element("title", result.title()).raw("<style>").raw(STYLE).raw("</style></head>\n<body>\n");
    h.element("h1", result.title()).raw("<p>Data: ").text(result.dataDescription()).raw(". ")
        .text(result.runs().size() + " model runs, " + result.comparisons().size() + " comparisons.").raw("</p>\n");
    for (String note : result.notes()) {
      h.element("p", note).raw("\n");
    }
    comparisons(h);
    metrics(h);
    ReportCharts charts = new ReportCharts(summary);
    chartSection(h, "Test metrics per variant", charts.metricLines());
    chartSection(h, "Lift over the baseline against the share of target data", charts.lift(result.comparisons()));
    chartSection(h, "Learning curves", charts.learningCurves(result.runs()));
    chartSection(h, "Calibration (reliability diagrams)", charts.calibration());
    h.element("h2", "Feature mapping: coverage and drift");
    h.element("pre", result.coverage().isEmpty() ? "(no coverage summary given)" : String.join("\n", result.coverage()));
    provenance(h);
    return h.raw("\n</body></html>\n").toString();
  }

  private void comparisons(Html h) {
    h.element("h2", "Comparisons (test split)");
    if (result.comparisons().isEmpty()) {
      h.element("p", "No comparisons: no variant shares a fraction and a seed with the baseline.");
      return;
    }
    h.element("p", "Differences in points (metric × 100), variant − baseline, paired by seed. Significant means "
        + "paired t-test p < 0.05 across seeds and a 95% paired bootstrap interval over test examples that excludes 0.");
    h.raw("<table><thead>").row("th", "variant", "baseline", "data", "task", "metric", "Δ mean", "std", "seeds",
        "p (t-test)", "95% CI", "verdict").raw("</thead><tbody>\n");
    for (Comparison c : result.comparisons()) {
      h.raw(c.significant() ? "<tr class=\"significant\">" : "<tr>");
      h.element("td", c.variant()).element("td", c.baseline()).element("td", VerdictText.percent(c.fraction()))
          .element("td", c.task()).element("td", c.metric())
          .element("td", "num", VerdictText.points(c.meanDifference()))
          .element("td", "num", Double.isNaN(c.std()) ? "–" : String.format(Locale.ROOT, "%.2f", c.std() * 100))
          .element("td", "num", String.valueOf(c.seeds().size()))
          .element("td", "num", c.pValue().isPresent() ? String.format(Locale.ROOT, "%.4f", c.pValue().getAsDouble()) : "–")
          .element("td", "num", "[" + VerdictText.points(c.ciLow()) + ", " + VerdictText.points(c.ciHigh()) + "]")
          .element("td", "verdict", c.verdict()).raw("</tr>\n");
    }
    h.raw("</tbody></table>\n");
  }

  private void metrics(Html h) {
    h.element("h2", "Test metrics (mean ± std over seeds)");
    for (TaskDef task : summary.tasks()) {
      Map<String, String> names = TaskMetrics.names(task.kind());
      h.element("h3", task.name() + " (" + task.kind().name().toLowerCase(Locale.ROOT) + ")");
      h.raw("<table><thead><tr>").element("th", "variant").element("th", "data").element("th", "seeds");
      names.values().forEach(n -> h.element("th", n));
      h.raw("</tr></thead><tbody>\n");
      for (String variant : summary.variants()) {
        for (double fraction : summary.fractions()) {
          int seeds = summary.runs(variant, fraction).size();
          if (seeds == 0) {
            continue;
          }
          h.raw("<tr>").element("td", variant).element("td", VerdictText.percent(fraction))
              .element("td", "num", String.valueOf(seeds));
          for (String metric : names.keySet()) {
            double[] values = summary.values(variant, fraction, task.name(), metric);
            h.element("td", "num", values.length == 0 ? "–" : String.format(Locale.ROOT, "%.4f ± %.4f",
                SeedSummary.mean(values), SeedSummary.std(values)));
          }
          h.raw("</tr>\n");
        }
      }
      h.raw("</tbody></table>\n");
    }
  }

  private static void chartSection(Html h, String heading, List<ChartImage> images) {
    if (images.isEmpty()) {
      return;
    }
    h.element("h2", heading).raw("<div class=\"charts\">\n");
    images.forEach(h::figure);
    h.raw("</div>\n");
  }

  private void provenance(Html h) {
    h.element("h2", "Provenance of every model");
    Map<String, ModelRun> models = new LinkedHashMap<>();
    for (ModelRun run : result.runs()) {
      models.putIfAbsent(run.variant() + "\u0000" + run.fraction() + "\u0000" + run.seed(), run);
    }
    h.raw("<table><thead>").row("th", "variant", "data", "seed", "parameters", "provenance").raw("</thead><tbody>\n");
    for (ModelRun run : models.values()) {
      h.raw("<tr>").element("td", run.variant()).element("td", VerdictText.percent(run.fraction()))
          .element("td", "num", String.valueOf(run.seed()))
          .element("td", "num", run.parameters().isPresent() ? String.format(Locale.ROOT, "%,d", run.parameters().getAsLong()) : "–")
          .raw("<td class=\"provenance\">");
      run.provenance().forEach((k, v) -> h.text(k + " = " + v).raw("<br/>"));
      h.raw("</td></tr>\n");
    }
    h.raw("</tbody></table>\n");
  }
}
