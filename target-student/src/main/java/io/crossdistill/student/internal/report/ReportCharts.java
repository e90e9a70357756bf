package io.crossdistill.student.internal.report;

import io.crossdistill.datasets.TaskDef;
import io.crossdistill.models.EpochLoss;
import io.crossdistill.schemas.TaskKind;
import io.crossdistill.schemas.metrics.CalibrationBins;
import io.crossdistill.student.Comparison;
import io.crossdistill.student.ModelRun;
import io.crossdistill.student.TaskMetrics;
import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts: learning curves, headline metric per variant against the share of target data, lift over the
 * baseline against the share of target data, and reliability diagrams. Each comes back as an embedded
 * PNG with its alternative text; a chart with nothing to draw is left out.
 */
final class ReportCharts {

  // Okabe-Ito colours, told apart by colour-blind readers too
  private static final Color[] PALETTE = {new Color(0x00, 0x72, 0xB2), new Color(0xE6, 0x9F, 0x00),
      new Color(0x00, 0x9E, 0x73), new Color(0xCC, 0x79, 0xA7), new Color(0xD5, 0x5E, 0x00),
      new Color(0x56, 0xB4, 0xE9), new Color(0x00, 0x00, 0x00), new Color(0xF0, 0xE4, 0x42)};

  private final SeedSummary summary;

  ReportCharts(SeedSummary summary) {
    this.summary = summary;
  }

  /** Mean validation loss per epoch over the seeds, one line per variant, one chart per fraction. */
  List<ChartImage> learningCurves(List<ModelRun> runs) throws IOException {
    List<ChartImage> out = new ArrayList<>();
    for (double fraction : summary.fractions()) {
      XYChart chart = ChartImage.xyChart("Learning curves at " + VerdictText.percent(fraction) + " of target data",
          "epoch", "validation loss (weighted multi-task loss)");
      for (String variant : summary.variants()) {
        TreeMap<Integer, double[]> byEpoch = new TreeMap<>();
        runs.stream().filter(r -> r.variant().equals(variant) && r.fraction() == fraction)
            .map(r -> r.seed()).distinct()
            .forEach(seed -> curve(runs, variant, fraction, seed).forEach(e -> {
              if (Double.isFinite(e.validationLoss())) {
                double[] sumAndCount = byEpoch.computeIfAbsent(e.epoch(), k -> new double[2]);
                sumAndCount[0] += e.validationLoss();
                sumAndCount[1]++;
              }
            }));
        if (!byEpoch.isEmpty()) {
          double[] x = byEpoch.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
          double[] y = byEpoch.values().stream().mapToDouble(s -> s[0] / s[1]).toArray();
          paint(chart.addSeries(variant, x, y), variant);
        }
      }
      if (!chart.getSeriesMap().isEmpty()) {
        out.add(ChartImage.encode(chart, "Line chart of mean validation loss per epoch over the seeds, one line per "
            + "variant, at " + VerdictText.percent(fraction) + " of the target training data."));
      }
    }
    return out;
  }

  /** Headline metric (AUC or R²) against the share of target data, mean ± std over seeds, a line per variant. */
  List<ChartImage> metricLines() throws IOException {
    List<ChartImage> out = new ArrayList<>();
    for (TaskDef task : summary.tasks()) {
      String metric = TaskMetrics.headlineName(task.kind());
      String label = TaskMetrics.names(task.kind()).get(metric);
      XYChart chart = ChartImage.xyChart(task.name() + ": test " + label + " (mean ± std over seeds)",
          "share of target training data (%)", label + " on the test split (0–1)");
      for (String variant : summary.variants()) {
        List<double[]> points = new ArrayList<>();
        for (double fraction : summary.fractions()) {
          double[] values = summary.values(variant, fraction, task.name(), metric);
          if (values.length > 0) {
            points.add(new double[] {fraction * 100, SeedSummary.mean(values), SeedSummary.std(values)});
          }
        }
        if (!points.isEmpty()) {
          paint(chart.addSeries(variant, points.stream().mapToDouble(p -> p[0]).toArray(),
              points.stream().mapToDouble(p -> p[1]).toArray(), points.stream().mapToDouble(p -> p[2]).toArray()), variant);
        }
      }
      if (!chart.getSeriesMap().isEmpty()) {
        out.add(ChartImage.encode(chart, "Line chart of the test " + label + " of task " + task.name()
            + " against the share of target training data, one line per variant, with error bars of one standard "
            + "deviation over seeds."));
      }
    }
    return out;
  }

  /** Variant − baseline in points against the share of target data, ± std over seeds, one chart per task. */
  List<ChartImage> lift(List<Comparison> comparisons) throws IOException {
    List<ChartImage> out = new ArrayList<>();
    for (TaskDef task : summary.tasks()) {
      List<Comparison> own = comparisons.stream().filter(c -> c.task().equals(task.name())).toList();
      if (own.isEmpty()) {
        continue;
      }
      String label = TaskMetrics.names(task.kind()).get(TaskMetrics.headlineName(task.kind()));
      double[] range = {own.stream().mapToDouble(Comparison::fraction).min().orElse(1) * 100,
          own.stream().mapToDouble(Comparison::fraction).max().orElse(1) * 100};
      boolean logarithmic = range[1] >= 10 * range[0];
      XYChart chart = ChartImage.xyChart(task.name() + ": lift over " + own.get(0).baseline(),
          "share of target training data (%" + (logarithmic ? ", log scale)" : ")"),
          label + " difference (points = ×100)");
      chart.getStyler().setXAxisLogarithmic(logarithmic);
      for (String variant : own.stream().map(Comparison::variant).distinct().toList()) {
        List<Comparison> line = own.stream().filter(c -> c.variant().equals(variant)).toList();
        double[] x = line.stream().mapToDouble(c -> c.fraction() * 100).toArray();
        double[] y = line.stream().mapToDouble(c -> c.meanDifference() * 100).toArray();
        double[] e = line.stream().mapToDouble(c -> Double.isNaN(c.std()) ? 0 : c.std() * 100).toArray();
        paint(chart.addSeries(variant, x, y, e), variant);
      }
      XYSeries zero = chart.addSeries("no difference", range, new double[] {0, 0});
      zero.setMarker(SeriesMarkers.NONE);
      zero.setLineColor(Color.GRAY);
      out.add(ChartImage.encode(chart, "Line chart of the " + label + " difference between each variant and "
          + own.get(0).baseline() + " on task " + task.name() + " against the share of target training data, "
          + "with error bars of one standard deviation over seeds."));
    }
    return out;
  }

  /** Reliability diagrams: observed positive rate against mean predicted probability in 10 bins, per binary task and fraction. */
  List<ChartImage> calibration() throws IOException {
    List<ChartImage> out = new ArrayList<>();
    for (TaskDef task : summary.tasks()) {
      if (task.kind() != TaskKind.BINARY) {
        continue;
      }
      for (double fraction : summary.fractions()) {
        XYChart chart = ChartImage.xyChart(task.name() + ": calibration at " + VerdictText.percent(fraction)
            + " (test, seeds pooled)", "mean predicted probability (0–1)", "observed positive rate (0–1)");
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        for (String variant : summary.variants()) {
          reliability(summary.runs(variant, fraction), task.name())
              .ifPresent(bins -> paint(chart.addSeries(variant, bins[0], bins[1]), variant));
        }
        if (!chart.getSeriesMap().isEmpty()) {
          XYSeries diagonal = chart.addSeries("perfectly calibrated", new double[] {0, 1}, new double[] {0, 1});
          diagonal.setMarker(SeriesMarkers.NONE);
          diagonal.setLineColor(Color.GRAY);
          out.add(ChartImage.encode(chart, "Reliability diagram of task " + task.name() + " at "
              + VerdictText.percent(fraction) + " of target data: observed positive rate against mean predicted "
              + "probability in 10 equal-width bins, one line per variant, seeds pooled."));
        }
      }
    }
    return out;
  }

  /** {mean predicted, observed rate} of the non-empty bins, the bins of the expected calibration error. */
  private static Optional<double[][]> reliability(List<ModelRun> runs, String task) {
    CalibrationBins bins = new CalibrationBins();
    for (ModelRun run : runs) {
      run.scores().task(task).ifPresent(scored -> bins.add(scored.outputs(), scored.labels()));
    }
    List<double[]> points = bins.points();
    if (points.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new double[][] {points.stream().mapToDouble(p -> p[0]).toArray(),
        points.stream().mapToDouble(p -> p[1]).toArray()});
  }

  /** The same colour for a variant in every chart, by its place in the result. */
  private void paint(XYSeries series, String variant) {
    Color colour = PALETTE[Math.max(0, summary.variants().indexOf(variant)) % PALETTE.length];
    series.setLineColor(colour);
    series.setMarkerColor(colour);
  }

  private static List<EpochLoss> curve(List<ModelRun> runs, String variant, double fraction, long seed) {
    return runs.stream().filter(r -> r.variant().equals(variant) && r.fraction() == fraction && r.seed() == seed)
        .map(ModelRun::learningCurve).filter(c -> !c.isEmpty()).findFirst().orElse(List.of());
  }
}
