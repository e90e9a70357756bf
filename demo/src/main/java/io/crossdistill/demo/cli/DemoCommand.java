package io.crossdistill.demo.cli;

import io.crossdistill.models.ModelException;
import io.crossdistill.student.ResultTable;
import io.crossdistill.demo.DemoOptions;
import io.crossdistill.demo.DemoPipeline;
import io.crossdistill.demo.DemoReport;
import io.crossdistill.demo.RatingsDemo;
import io.crossdistill.student.cli.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code crossdistill demo}: the whole pipeline end to end, with side-by-side result tables — on the simulator
 * through the teacher service by default, or the student library's compare on a {@code --data} directory.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Without --data, on the seeded simulator: trains a teacher on the source domain, maps target "
        + "examples into its inputs, labels them with the unchanged teacher (through the teacher service unless "
        + "--in-process), trains a control and a distilled student and prints teacher zero-shot, control and "
        + "distilled side by side on the target test split. With --data DIR (the ratings layout) it runs the "
        + "student library's compare on DIR with the control, distilled and representations variants (labels in "
        + "process, every choice on validation) and prints its tables, verdicts and output files.")
public final class DemoCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR",
      description = "a directory in the ratings layout (e.g. ../shared/data/amazon-movie-music)")
  private Path data;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "crossdistill-out/demo",
      description = "where artifacts are written (default: ${DEFAULT-VALUE})")
  private Path out;

  @Option(names = "--seeds", paramLabel = "N",
      description = "student seeds per fraction; results print as mean ± std (default: 3 on the simulator, 5 with --data)")
  private Integer seeds;

  @Option(names = "--fractions", split = ",", paramLabel = "F",
      description = "fractions of the target training data (default: 1.0 on the simulator, 0.1,1.0 with --data)")
  private List<Double> fractions = new ArrayList<>();

  @Option(names = "--small", description = "tiny sizes and few epochs: a smoke run, not a result")
  private boolean small;

  @Option(names = "--report-on-validation",
      description = "simulator only: score on the target validation split instead of test (for choosing settings)")
  private boolean reportOnValidation;

  @Option(names = "--in-process",
      description = "simulator only: label in this process instead of through the teacher service (with --data the "
          + "comparison always labels in process)")
  private boolean inProcess;

  @Override
  public Integer call() throws ModelException {
    if (data != null && !Files.isDirectory(data)) {
      throw new ParameterException(spec.commandLine(), "--data " + data + " is not a directory");
    }
    if (data != null && reportOnValidation) {
      throw new ParameterException(spec.commandLine(), "--report-on-validation is for the simulator: with --data "
          + "every choice is made on the validation split and the test split is scored once");
    }
    int n = seeds != null ? seeds : data != null ? 5 : 3;
    if (n < 1) {
      throw new ParameterException(spec.commandLine(), "--seeds must be at least 1, got " + n);
    }
    List<Long> seedList = new ArrayList<>();
    for (long s = 1; s <= n; s++) {
      seedList.add(s);
    }
    long start = System.nanoTime();
    String text;
    Path results;
    if (data != null) {
      RatingsDemo demo;
      try {
        demo = new RatingsDemo(data, out, seedList, fractions, small);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      try (Progress progress = Progress.start("demo: student compare", demo.studentCount(), "students")) {
        text = demo.run(progress::log, () -> progress.step(1));
      }
      results = demo.options().out().resolve("results.md");
    } else {
      // the launcher says where the built teacher service is
      Optional<Path> serviceJar = inProcess ? Optional.empty()
          : Optional.ofNullable(System.getProperty("crossdistill.service.jar")).map(Path::of);
      DemoOptions options = new DemoOptions(out, seedList, fractions, small, reportOnValidation, serviceJar);
      PrintWriter err = spec.commandLine().getErr();
      DemoReport report = new DemoPipeline(options, line -> {
        err.println(line);
        err.flush();
      }).run();
      text = render(report);
      results = report.artifacts().get("teacher").getParent().resolve("results.md");
    }
    text += String.format(Locale.ROOT, "%nDone in %.1f s.%n", Duration.ofNanos(System.nanoTime() - start).toMillis()
        / 1000.0);
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.print(text);
    stdout.flush();
    writeResults(results, text);
    return 0;
  }

  static String render(DemoReport report) {
    StringBuilder s = new StringBuilder();
    s.append('\n').append("crossdistill demo: ").append(report.scenario()).append('\n');
    for (String note : report.notes()) {
      s.append("  ").append(note).append('\n');
    }
    for (Map.Entry<String, ResultTable> table : report.tables().entrySet()) {
      s.append('\n').append("Target ").append(report.reportSplit()).append(" split, students trained on ")
          .append(table.getKey()).append(":\n");
      s.append(table.getValue().render());
    }
    s.append('\n').append("Artifacts:\n");
    report.artifacts().forEach((name, path) -> s.append(String.format(Locale.ROOT, "  %-22s %s%n", name, path)));
    return s.toString();
  }

  private static void writeResults(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, "```\n" + text.strip() + "\n```\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
