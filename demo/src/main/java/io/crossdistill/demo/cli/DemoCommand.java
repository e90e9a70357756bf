package io.crossdistill.demo.cli;

import io.crossdistill.student.ResultTable;
import io.crossdistill.demo.DemoOptions;
import io.crossdistill.demo.DemoPipeline;
import io.crossdistill.demo.DemoReport;
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

/** {@code crossdistill demo}: the whole pipeline end to end, with a side-by-side result table. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Trains a teacher on the source domain, maps target examples into its inputs, labels them with "
        + "the unchanged teacher (through the teacher service unless --in-process), trains a control and a distilled "
        + "student and prints teacher zero-shot, control and distilled side by side on the target test split. "
        + "Without --data it runs on the seeded simulator.")
public final class DemoCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR",
      description = "a directory in the Amazon ratings layout (e.g. ../shared/data/amazon-movie-music)")
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
      description = "score on the target validation split instead of test (for choosing settings)")
  private boolean reportOnValidation;

  @Option(names = "--in-process",
      description = "label in this process instead of through the teacher service (no HTTP, no service start)")
  private boolean inProcess;

  @Override
  public Integer call() {
    if (data != null && !Files.isDirectory(data)) {
      throw new ParameterException(spec.commandLine(), "--data " + data + " is not a directory");
    }
    int n = seeds != null ? seeds : data != null ? 5 : 3;
    if (n < 1) {
      throw new ParameterException(spec.commandLine(), "--seeds must be at least 1, got " + n);
    }
    List<Long> seedList = new ArrayList<>();
    for (long s = 1; s <= n; s++) {
      seedList.add(s);
    }
    // the launcher says where the built teacher service is
    Optional<Path> serviceJar = inProcess ? Optional.empty()
        : Optional.ofNullable(System.getProperty("crossdistill.service.jar")).map(Path::of);
    DemoOptions options = new DemoOptions(Optional.ofNullable(data), out, seedList, fractions, small,
        reportOnValidation, serviceJar);
    PrintWriter err = spec.commandLine().getErr();
    long start = System.nanoTime();
    DemoReport report = new DemoPipeline(options, line -> {
      err.println(line);
      err.flush();
    }).run();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    String text = render(report, took);
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.print(text);
    stdout.flush();
    writeResults(options.out().resolve(report.artifacts().get("teacher").getParent().getFileName())
        .resolve("results.md"), text);
    return 0;
  }

  static String render(DemoReport report, Duration took) {
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
    s.append(String.format(Locale.ROOT, "%nDone in %.1f s.%n", took.toMillis() / 1000.0));
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
