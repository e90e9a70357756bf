package io.crossdistill.mapper;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Coverage and drift of a mapping over a data set: per teacher input, how often it was defaulted and,
 * for FLOAT inputs whose signature keeps a training histogram, how far the mapped distribution is from
 * the teacher's training distribution.
 *
 * @param records        records read
 * @param mapped         records mapped
 * @param rejected       bad records (not in the statistics)
 * @param inputs         one entry per teacher input, in signature order
 * @param sampleRejects  the first few bad records, for a quick look
 * @param thresholds     the thresholds the flags use
 */
public record CoverageReport(long records, long mapped, long rejected, List<InputCoverage> inputs,
    List<BadRecord> sampleRejects, DriftThresholds thresholds) {

  public CoverageReport {
    inputs = List.copyOf(inputs);
    sampleRejects = List.copyOf(sampleRejects);
  }

  /**
   * One teacher input.
   *
   * @param rule              {@code from <path>}, {@code constant} or {@code default}
   * @param defaultedFraction fraction of mapped records in which the input got the teacher's default
   * @param drift             present for FLOAT inputs with a training histogram and at least one mapped record
   * @param flagged           defaulted fraction or drift above the thresholds
   */
  public record InputCoverage(String input, String type, String rule, double defaultedFraction,
      Optional<Drift> drift, boolean flagged) {
  }

  /**
   * Mapped distribution against the teacher's training distribution, over the signature's bins: the two
   * histograms themselves and the distances computed from them.
   *
   * @param psi        population stability index of {@code mappedFractions} against {@code teacherFractions}
   *                   (each fraction raised to at least 1e-4 first)
   * @param ks         largest gap between the two cumulative distributions at the bin edges
   * @param mappedMean mean of the mapped values
   * @param teacherMean mean of the teacher's training values
   * @param edges      n + 1 ascending bin edges: the teacher's training minimum, its inner edges, its training
   *                   maximum. The outer bins are open, as the teacher's are: a value below {@code edges[0]}
   *                   counts in the first bin, one at or above {@code edges[n]} in the last
   * @param mappedFractions  n fractions of the mapped values per bin (summing to 1)
   * @param teacherFractions n fractions of the teacher's training values per bin (the signature's)
   */
  public record Drift(double psi, double ks, double mappedMean, double teacherMean, List<Double> edges,
      List<Double> mappedFractions, List<Double> teacherFractions) {

    public Drift {
      edges = List.copyOf(edges);
      mappedFractions = List.copyOf(mappedFractions);
      teacherFractions = List.copyOf(teacherFractions);
      if (edges.size() != mappedFractions.size() + 1 || mappedFractions.size() != teacherFractions.size()) {
        throw new IllegalArgumentException("n + 1 edges and n fractions of each side, got " + edges.size()
            + " edges, " + mappedFractions.size() + " and " + teacherFractions.size() + " fractions");
      }
    }
  }

  /** Inputs whose flag is up. */
  public List<InputCoverage> flagged() {
    return inputs.stream().filter(InputCoverage::flagged).toList();
  }

  /** A fixed-width table, one line per input, flagged lines marked with {@code !}. */
  public String toTable() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "records %d, mapped %d, rejected %d; flags: psi > %.3f, ks > %.3f, "
        + "defaulted > %.1f%%%n", records, mapped, rejected, thresholds.psi(), thresholds.ks(),
        100 * thresholds.defaultedFraction()));
    int width = Math.max(5, inputs.stream().mapToInt(i -> i.input().length()).max().orElse(5));
    int ruleWidth = Math.max(4, Math.min(40, inputs.stream().mapToInt(i -> i.rule().length()).max().orElse(4)));
    String format = "%-1s %-" + width + "s  %-12s  %-" + ruleWidth + "s  %9s  %8s  %8s  %10s  %10s%n";
    out.append(String.format(Locale.ROOT, format, "", "input", "type", "rule", "defaulted", "psi", "ks",
        "mean", "teacher"));
    for (InputCoverage i : inputs) {
      String rule = i.rule().length() > ruleWidth ? i.rule().substring(0, ruleWidth - 1) + "…" : i.rule();
      out.append(String.format(Locale.ROOT, format, i.flagged() ? "!" : "", i.input(), i.type(), rule,
          String.format(Locale.ROOT, "%.1f%%", 100 * i.defaultedFraction()),
          i.drift().map(d -> String.format(Locale.ROOT, "%.4f", d.psi())).orElse("-"),
          i.drift().map(d -> String.format(Locale.ROOT, "%.4f", d.ks())).orElse("-"),
          i.drift().map(d -> String.format(Locale.ROOT, "%.4g", d.mappedMean())).orElse("-"),
          i.drift().map(d -> String.format(Locale.ROOT, "%.4g", d.teacherMean())).orElse("-")));
    }
    for (BadRecord bad : sampleRejects) {
      out.append("rejected ").append(bad.recordId()).append(": ").append(bad.describe()).append('\n');
    }
    return out.toString();
  }
}
