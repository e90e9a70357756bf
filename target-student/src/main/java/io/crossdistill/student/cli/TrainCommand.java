package io.crossdistill.student.cli;

import io.crossdistill.datasets.DatasetException;
import io.crossdistill.models.ModelException;
import io.crossdistill.student.CompareOptions;
import io.crossdistill.student.ModelRun;
import io.crossdistill.student.TaskMetrics;
import io.crossdistill.student.Variant;
import io.crossdistill.student.VariantCatalog;
import io.crossdistill.student.internal.compare.ComparisonRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code student train}: one student of one variant on one fraction and seed of a ratings-layout
 * directory, trained exactly as {@code student compare} trains it, saved as a student artifact.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train one student on a directory in the ratings layout, as student compare trains it (the"
        + " teacher is trained once under --out/teachers, or reused), print its validation and test metrics"
        + " and save it under --out/models/<variant>-f<fraction>-seed<seed>/ for student predict.")
final class TrainCommand implements Callable<Integer> {

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "crossdistill-out/train",
      description = "output directory: data/, teachers/, labels/, models/ (default: ${DEFAULT-VALUE})")
  private Path out;

  @Option(names = "--variant", paramLabel = "NAME", defaultValue = "distilled",
      description = "one of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})",
      completionCandidates = CompareCommand.VariantNames.class)
  private String variant;

  @Option(names = "--teacher-weight", paramLabel = "W",
      description = "teacher weight (default: the first of the variant's grid in student compare)")
  private Optional<Double> teacherWeight = Optional.empty();

  @Option(names = "--fraction", paramLabel = "F", defaultValue = "1.0",
      description = "share of the target training rows, in (0, 1] (default: ${DEFAULT-VALUE})")
  private double fraction;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
      description = "draws the fraction's sample and the student's init (default: ${DEFAULT-VALUE})")
  private long seed;

  @picocli.CommandLine.Mixin
  private ProtocolOptions protocol = new ProtocolOptions();

  @Override
  public Integer call() throws ModelException {
    List<String> problems = new ArrayList<>();
    problems.addAll(protocol.dataProblems());
    Optional<VariantCatalog.Entry> entry = entry(variant, problems);
    double weight = teacherWeight.orElse(entry.map(e -> e.weights().get(0)).orElse(0.0));
    if (!(weight >= 0) || Double.isInfinite(weight)) {
      problems.add("--teacher-weight: must be finite and >= 0, got " + weight);
    }
    if (teacherWeight.isPresent() && entry.isPresent() && !entry.get().variant().distills()) {
      problems.add("--teacher-weight: the " + variant + " variant learns no teacher labels");
    }
    CompareOptions options = null;
    try {
      options = new CompareOptions(protocol.data, out, List.of(fraction), List.of(seed), List.of(),
          protocol.representation, protocol.committee, protocol.small);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage().replace("--fractions", "--fraction").replace("--seeds", "--seed"));
    }
    if (!problems.isEmpty()) {
      System.err.println("student train: " + String.join("; ", problems));
      return 2;
    }
    Variant chosen = entry.orElseThrow().variant().withTeacherWeight(weight);
    long start = System.nanoTime();
    ComparisonRunner.SingleStudent student;
    try (Progress progress = Progress.start("student train", 1, "students")) {
      student = ComparisonRunner.trainOne(options, chosen, weight, progress::log, () -> progress.step(1));
    } catch (DatasetException e) {
      System.err.println("student train: --data " + protocol.data + ": " + e.getMessage());
      return 2;
    }
    System.out.println(render(student.valid()));
    System.out.println(render(student.test()));
    System.out.println("Student saved to " + student.artifact() + " (student predict --model " + student.artifact()
        + " --input FILE)");
    System.out.printf(Locale.ROOT, "Done in %.1f s.%n", (System.nanoTime() - start) / 1e9);
    return 0;
  }

  private static Optional<VariantCatalog.Entry> entry(String name, List<String> problems) {
    if (!VariantCatalog.names().contains(name)) {
      problems.add("--variant: unknown variant '" + name + "' (known: " + VariantCatalog.names() + ")");
      return Optional.empty();
    }
    return VariantCatalog.select(List.of(name)).stream().filter(e -> e.variant().name().equals(name)).findFirst();
  }

  /** One split's metrics, one line per task: "test  love  AUC 0.7123  log loss 0.5012  ECE 0.0210". */
  static String render(ModelRun run) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, TaskMetrics> task : run.metrics().entrySet()) {
      out.append(String.format(Locale.ROOT, "%-5s %-8s", run.split(), task.getKey()));
      TaskMetrics.names(task.getValue().task().kind()).forEach((key, label) ->
          out.append(String.format(Locale.ROOT, "  %s %s", label, task.getValue().value(key).stream()
              .mapToObj(v -> String.format(Locale.ROOT, "%.4f", v)).findFirst().orElse("n/a"))));
      out.append('\n');
    }
    return out.toString().stripTrailing();
  }
}
