package io.crossdistill.student;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one {@code student compare} run found, in the form the outputs are written from
 * ({@link ComparisonOutputs}): the runs of every model on every split, the comparisons against the
 * baseline, the feature mapping's coverage and drift summary as preformatted lines, and free notes.
 *
 * @param title the report's title
 * @param dataDescription what data it ran on, e.g. the --data directory's name
 * @param runs every model run; (variant, fraction, seed, split) is unique
 * @param comparisons the comparisons, usually {@link Comparisons#all}
 * @param coverage the mapping's coverage and drift summary, one preformatted line each
 * @param notes anything else worth saying, one paragraph each
 */
public record ComparisonResult(String title, String dataDescription, List<ModelRun> runs,
    List<Comparison> comparisons, List<String> coverage, List<String> notes) {

  /** Validates and copies. */
  public ComparisonResult {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(dataDescription, "dataDescription");
    runs = List.copyOf(runs);
    comparisons = List.copyOf(comparisons);
    coverage = List.copyOf(coverage);
    notes = List.copyOf(notes);
    Set<String> seen = new HashSet<>();
    for (ModelRun run : runs) {
      if (!seen.add(run.label())) {
        throw new IllegalArgumentException("two runs of " + run.label());
      }
    }
  }

  /** A result whose comparisons are {@link Comparisons#all} of the runs against {@code baseline}. */
  public static ComparisonResult of(String title, String dataDescription, List<ModelRun> runs, String baseline,
      List<String> coverage, List<String> notes) {
    return new ComparisonResult(title, dataDescription, runs, Comparisons.all(runs, baseline), coverage, notes);
  }

  /** The runs on the test split. */
  public List<ModelRun> testRuns() {
    return runs.stream().filter(ModelRun::isTest).toList();
  }
}
