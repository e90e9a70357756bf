package io.crossdistill.student.cli;

import io.crossdistill.models.ModelException;
import io.crossdistill.student.CompareOptions;
import io.crossdistill.student.ComparisonTables;
import io.crossdistill.student.StudentComparison;
import io.crossdistill.student.VariantCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code student compare}: control, distilled and the chosen variants side by side over seeds and
 * target-data fractions, with significance against the control, written under {@code --out}.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Train the control and each variant side by side over seeds and target-data fractions on a"
        + " directory in the ratings layout; every choice on validation, test scored once. Writes metrics.json,"
        + " scores/<variant>-f<fraction>-seed<seed>.csv, report.html, models/ and labels/ under --out. With only"
        + " --data and --out it runs the full protocol (10%% and 100%% of the target rows, 5 seeds, every variant).")
final class CompareCommand implements Callable<Integer> {

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "crossdistill-out/compare",
      description = "output directory (default: ${DEFAULT-VALUE})")
  private Path out;

  @Option(names = "--seeds", paramLabel = "N", defaultValue = "5", description = "seeds 1..N (default: ${DEFAULT-VALUE})")
  private int seeds;

  @Option(names = "--fractions", split = ",", paramLabel = "F",
      description = "target-train fractions (default: 0.1,1.0)")
  private List<Double> fractions = new ArrayList<>(List.of(0.1, 1.0));

  @Option(names = "--variants", split = ",", paramLabel = "V",
      description = "variants beside the control (default: all of ${COMPLETION-CANDIDATES})",
      completionCandidates = VariantNames.class)
  private List<String> variants = new ArrayList<>(VariantCatalog.names());

  @picocli.CommandLine.Mixin
  private ProtocolOptions protocol = new ProtocolOptions();

  @Override
  public Integer call() throws ModelException {
    List<String> problems = new ArrayList<>();
    problems.addAll(protocol.dataProblems());
    if (seeds < 1) {
      problems.add("--seeds: at least 1, got " + seeds);
    }
    List<Long> seedList = new ArrayList<>();
    for (long s = 1; s <= Math.max(1, seeds); s++) {
      seedList.add(s);
    }
    CompareOptions options = null;
    try {
      options = new CompareOptions(protocol.data, out, fractions, seedList, variants, protocol.representation,
          protocol.committee, protocol.small);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    if (!problems.isEmpty()) {
      System.err.println("student compare: " + String.join("; ", problems));
      return 2;
    }
    long start = System.nanoTime();
    StudentComparison.Outcome outcome;
    Progress[] progress = new Progress[1];
    StudentComparison comparison = new StudentComparison(options, line -> progress[0].log(line),
        () -> progress[0].step(1));
    try (Progress p = Progress.start("student compare", comparison.studentCount(), "students")) {
      progress[0] = p;
      outcome = comparison.run();
    }
    System.out.println(ComparisonTables.render(outcome.result()));
    System.out.println("Written under " + out + ": metrics.json, report.html, scores/ (" + outcome.files().size()
        + " files), models/, labels/");
    System.out.printf(java.util.Locale.ROOT, "Done in %.1f s.%n", (System.nanoTime() - start) / 1e9);
    return 0;
  }

  /** The variant names, for help texts. */
  static final class VariantNames extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    VariantNames() {
      super(VariantCatalog.names());
    }
  }
}
