package io.crossdistill.demo;

import io.crossdistill.models.ModelException;
import io.crossdistill.student.CompareOptions;
import io.crossdistill.student.ComparisonOutputs;
import io.crossdistill.student.ComparisonTables;
import io.crossdistill.student.RatingsProtocol;
import io.crossdistill.student.StudentComparison;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The demo on a directory in the ratings layout: the student library's {@code student compare} with the
 * control, {@code distilled} and {@code committee-representations} (the variant chosen on the Amazon
 * validation split: a committee of three teachers' labels plus the teacher's user representation as an
 * input) variants. The library owns the protocol
 * ({@link RatingsProtocol}: teacher recipe, mapping, alignment) and labels in process; the demo only
 * chooses the variants, says which directory it ran on and where everything was written.
 */
public final class RatingsDemo {

  /** The variants the demo runs beside the control. */
  public static final List<String> VARIANTS = List.of("distilled", "committee-representations");

  private final CompareOptions options;

  /**
   * A demo over {@code data}, written under {@code out}/{@code <directory name>}.
   *
   * @param fractions target-train fractions; empty means the protocol's ({@link RatingsProtocol#FRACTIONS})
   */
  public RatingsDemo(Path data, Path out, List<Long> seeds, List<Double> fractions, boolean small) {
    Path dir = data.toAbsolutePath().normalize();
    this.options = new CompareOptions(dir, out.resolve(dir.getFileName().toString()),
        fractions.isEmpty() ? RatingsProtocol.FRACTIONS : fractions, seeds, VARIANTS,
        CompareOptions.RepresentationKind.EMBEDDING, 3, small);
  }

  /** What the comparison runs. */
  public CompareOptions options() {
    return options;
  }

  /** How many students {@link #run} trains, weight choices included (for progress bars). */
  public long studentCount() {
    return new StudentComparison(options, line -> { }, () -> { }).studentCount();
  }

  /**
   * Runs the comparison and returns the text to print: the directory, the tables and verdicts, the artifacts.
   *
   * @param log receives progress lines
   * @param studentDone is called after each trained student
   */
  public String run(Consumer<String> log, Runnable studentDone) throws ModelException {
    StudentComparison.Outcome outcome = new StudentComparison(options, log, studentDone).run();
    StringBuilder s = new StringBuilder();
    s.append('\n').append("crossdistill demo: ratings-layout directory ").append(options.data()).append('\n');
    s.append(String.format(Locale.ROOT, "  teacher trained on the source rows only; control, %s on %s of target train,"
        + " seeds %s%n", String.join(", ", VARIANTS), options.fractions().stream()
        .map(f -> String.format(Locale.ROOT, "%.0f%%", f * 100)).toList(), options.seeds()));
    s.append(ComparisonTables.render(outcome.result()));
    s.append('\n').append("Artifacts:\n");
    artifacts().forEach((name, path) -> s.append(String.format(Locale.ROOT, "  %-14s %s%n", name, path)));
    return s.toString();
  }

  /** Where the comparison writes, by name. */
  public Map<String, Path> artifacts() {
    Path out = options.out();
    Map<String, Path> artifacts = new LinkedHashMap<>();
    artifacts.put("report", out.resolve(ComparisonOutputs.REPORT_HTML));
    artifacts.put("metrics", out.resolve(ComparisonOutputs.METRICS_JSON));
    artifacts.put("scores", out.resolve(ComparisonOutputs.SCORES_DIRECTORY));
    artifacts.put("models", out.resolve("models"));
    artifacts.put("labels", out.resolve("labels"));
    artifacts.put("teachers", out.resolve("teachers"));
    artifacts.put("data splits", out.resolve("data"));
    return artifacts;
  }
}
