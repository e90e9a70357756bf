package io.crossdistill.mapper.internal;

import io.crossdistill.mapper.BadRecord;
import io.crossdistill.mapper.CompiledMapper;
import io.crossdistill.mapper.CoverageReport;
import io.crossdistill.mapper.DriftThresholds;
import io.crossdistill.mapper.FeatureMappingSpec;
import io.crossdistill.mapper.Rule;
import io.crossdistill.mapper.Source;
import io.crossdistill.schemas.TeacherInputBatch;
import io.crossdistill.v1.FeatureStatistics;
import io.crossdistill.v1.InputType;
import io.crossdistill.v1.TeacherInput;
import io.crossdistill.v1.TeacherSignature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.avro.generic.IndexedRecord;

/** The streaming pass behind {@link io.crossdistill.mapper.CoverageAnalyzer}. */
public final class CoverageComputer {

  private static final int SAMPLE_REJECTS = 10;
  private static final double SMOOTHING = 1e-4;

  private CoverageComputer() {
  }

  public static CoverageReport run(CompiledMapper compiled, FeatureMappingSpec spec, TeacherSignature signature,
      Iterable<? extends IndexedRecord> records, DriftThresholds thresholds) {
    MappingProgram mapper = (MappingProgram) compiled;
    List<TeacherInput> inputs = signature.getInputs();
    int n = inputs.size();
    long[] defaulted = new long[n];
    double[] sums = new double[n];
    double[][] edges = new double[n][];
    long[][] bins = new long[n][];
    int[] column = new int[n];
    for (int i = 0; i < n; i++) {
      FeatureStatistics stats = inputs.get(i).getStatistics();
      column[i] = mapper.layout().inputs().get(i).offset();
      if (inputs.get(i).getType() == InputType.FLOAT && stats != null && !stats.getBinEdges().isEmpty()
          && stats.getBinFractions().size() == stats.getBinEdges().size() + 1) {
        edges[i] = stats.getBinEdges().stream().mapToDouble(Double::doubleValue).toArray();
        bins[i] = new long[edges[i].length + 1];
      }
    }
    TeacherInputBatch batch = mapper.newBatch(1);
    List<BadRecord> rejects = new ArrayList<>();
    long[] rejected = {0};
    long total = 0;
    long mapped = 0;
    for (IndexedRecord record : records) {
      total++;
      batch.clear();
      boolean ok = mapper.map(record, batch, bad -> {
        rejected[0]++;
        if (rejects.size() < SAMPLE_REJECTS) {
          rejects.add(bad);
        }
      });
      if (!ok) {
        continue;
      }
      mapped++;
      for (int i = 0; i < n; i++) {
        if (mapper.lastRowDefaulted(i)) {
          defaulted[i]++;
        }
        if (bins[i] != null) {
          double x = batch.numeric()[column[i]];
          sums[i] += x;
          bins[i][bin(edges[i], x)]++;
        }
      }
    }
    List<CoverageReport.InputCoverage> coverage = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      TeacherInput input = inputs.get(i);
      double fraction = mapped == 0 ? 0 : (double) defaulted[i] / mapped;
      Optional<CoverageReport.Drift> drift = bins[i] == null || mapped == 0 ? Optional.empty()
          : Optional.of(drift(bins[i], mapped, sums[i] / mapped, input.getStatistics()));
      boolean flagged = fraction > thresholds.defaultedFraction()
          || drift.map(d -> d.psi() > thresholds.psi() || d.ks() > thresholds.ks()).orElse(false);
      coverage.add(new CoverageReport.InputCoverage(input.getName(), input.getType().name(),
          describeRule(spec, input.getName()), fraction, drift, flagged));
    }
    return new CoverageReport(total, mapped, rejected[0], coverage, Collections.unmodifiableList(rejects), thresholds);
  }

  /** Bin of x: bin k holds edges[k-1] <= x < edges[k]. */
  static int bin(double[] edges, double x) {
    int i = Arrays.binarySearch(edges, x);
    return i >= 0 ? i + 1 : -(i + 1);
  }

  /**
   * The drift of one input, computed from the two histograms once: the fractions the report shows are the
   * ones PSI and KS are computed from.
   */
  static CoverageReport.Drift drift(long[] counts, long total, double mean, FeatureStatistics stats) {
    List<Double> mapped = new ArrayList<>(counts.length);
    for (long count : counts) {
      mapped.add((double) count / total);
    }
    List<Double> teacher = stats.getBinFractions();
    return new CoverageReport.Drift(psi(mapped, teacher), ks(mapped, teacher), mean, stats.getMean(), edges(stats),
        mapped, teacher);
  }

  /** Population stability index, each fraction raised to at least {@link #SMOOTHING} (an empty bin has no log). */
  static double psi(List<Double> actual, List<Double> expected) {
    double psi = 0;
    for (int k = 0; k < actual.size(); k++) {
      double a = Math.max(actual.get(k), SMOOTHING);
      double e = Math.max(expected.get(k), SMOOTHING);
      psi += (a - e) * Math.log(a / e);
    }
    return psi;
  }

  /** Kolmogorov-Smirnov distance at the bin edges: the largest gap between the cumulative fractions. */
  static double ks(List<Double> actual, List<Double> expected) {
    double ks = 0;
    double cumulativeActual = 0;
    double cumulativeExpected = 0;
    for (int k = 0; k < actual.size(); k++) {
      cumulativeActual += actual.get(k);
      cumulativeExpected += expected.get(k);
      ks = Math.max(ks, Math.abs(cumulativeActual - cumulativeExpected));
    }
    return ks;
  }

  /** The signature's inner edges closed by its training minimum and maximum (never inside the inner edges). */
  static List<Double> edges(FeatureStatistics stats) {
    List<Double> inner = stats.getBinEdges();
    List<Double> edges = new ArrayList<>(inner.size() + 2);
    edges.add(Math.min(stats.getMin(), inner.get(0)));
    edges.addAll(inner);
    edges.add(Math.max(stats.getMax(), inner.get(inner.size() - 1)));
    return edges;
  }

  private static String describeRule(FeatureMappingSpec spec, String input) {
    for (Rule rule : spec.rules()) {
      if (rule.input().equals(input)) {
        Source s = rule.source();
        return s instanceof Source.Field f ? "from " + f.path() : s instanceof Source.Constant ? "constant" : "default";
      }
    }
    return "?";
  }
}
