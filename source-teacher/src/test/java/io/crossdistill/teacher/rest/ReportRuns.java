package io.crossdistill.teacher.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crossdistill.teacher.ServiceTestResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Published {@code student compare} runs for the report tests, written as that command writes its
 * {@code --out} directory (docs/students.md, "Reading the comparison outputs"): a {@code report.html}, a
 * {@code metrics.json} in the format of target-student's {@code MetricsJson}, and the run's label store
 * under {@code labels/<run>/teacher-17/} holding a real label set, copied from the service's label store
 * where a backfill made it.
 */
final class ReportRuns {

  static final ObjectMapper JSON = new ObjectMapper();
  /** The fixture's students: 2 variants × 2 fractions × 2 seeds, scored on validation and test. */
  static final List<String> VARIANTS = List.of("control", "distilled");
  static final List<Double> FRACTIONS = List.of(0.1, 1.0);
  static final List<Long> SEEDS = List.of(1L, 2L);
  static final List<String> TASKS = List.of("love", "rating");
  static final int STUDENTS = 8;
  /** Every model on validation and test, plus the teacher used alone on test once per fraction and seed. */
  static final int RUNS = 2 * STUDENTS + 4;
  static final int COMPARISONS = 4;
  static final int SIGNIFICANT = 1;

  private ReportRuns() {
  }

  /** The service's reports root (the default, under the data directory). */
  static Path root() {
    return ServiceTestResource.dataDir().resolve("reports");
  }

  /**
   * The {@code metrics.json} a real run wrote (golden file, 28 runs: the teacher used alone and 12 students
   * of control, distilled and adapter on validation and test; 30 comparisons, 7 significant), made with
   * <pre>
   * ./crossdistill data ratings-world --out world --users 300 --source-items 400 --target-items 500 \
   *     --source-rows 12000 --target-rows 8000
   * ./crossdistill student compare --small --data world --out compare-small --seeds 2 --fractions 0.1,1.0 \
   *     --variants distilled,adapter
   * </pre>
   */
  static String realMetrics() {
    try (var in = ReportRuns.class.getResourceAsStream("/reports/compare-small-metrics.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A page with characters outside ASCII, so that a wrong charset shows in the bytes. */
  static byte[] html(String title) {
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title></head>"
        + "<body><h1>" + title + "</h1><p>distilled vs control, love AUC at 10%: +1.12 points ± 0.3 → significant"
        + "</p></body></html>\n").getBytes(StandardCharsets.UTF_8);
  }

  /** A {@code metrics.json} as {@code student compare} writes it, with the fixture's runs and comparisons. */
  static String metrics(String title) {
    ObjectNode root = JSON.createObjectNode();
    root.put("title", title);
    root.put("data", "ratings-world");
    ArrayNode runs = root.putArray("runs");
    for (double fraction : FRACTIONS) {
      for (long seed : SEEDS) {
        run(runs, "teacher-zero-shot", fraction, seed, "test");
        for (String variant : VARIANTS) {
          run(runs, variant, fraction, seed, "valid");
          run(runs, variant, fraction, seed, "test");
        }
      }
    }
    ArrayNode comparisons = root.putArray("comparisons");
    for (double fraction : FRACTIONS) {
      for (String task : TASKS) {
        ObjectNode c = comparisons.addObject();
        boolean significant = fraction == 0.1 && task.equals("love");
        c.put("variant", "distilled").put("baseline", "control").put("fraction", fraction).put("task", task)
            .put("metric", task.equals("love") ? "auc" : "r2").put("meanDifference", 0.011).put("std", 0.002);
        c.putArray("seeds").add(1).add(2);
        c.putNull("pValue");
        c.put("ciLow", 0.004).put("ciHigh", 0.018).put("significant", significant)
            .put("verdict", significant ? "+1.10 points, significant" : "+1.10 points, not significant (includes 0)");
      }
    }
    root.putArray("coverage").add("input        coverage  drift (PSI)").add("popularity   100.0%    0.02");
    root.putArray("notes").add("teacher weight chosen on validation: distilled f0.1 → 1.0");
    return root.toPrettyString();
  }

  private static void run(ArrayNode runs, String variant, double fraction, long seed, String split) {
    ObjectNode run = runs.addObject();
    run.put("variant", variant).put("fraction", fraction).put("seed", seed).put("split", split);
    ObjectNode metrics = run.putObject("metrics");
    metrics.putObject("love").put("auc", 0.71).put("logLoss", 0.52).putNull("ece");
    metrics.putObject("rating").put("r2", 0.18).put("rmse", 0.93);
    if (variant.equals("teacher-zero-shot")) {
      run.putNull("parameters");
    } else {
      run.put("parameters", 108291);
    }
    run.putObject("provenance").put("teacherHash", "4fa44911").put("seed", String.valueOf(seed));
    run.putArray("learningCurve").addObject().put("epoch", 1).put("steps", 20).put("trainLoss", 0.7)
        .put("validationLoss", 0.68);
  }

  /**
   * Writes run {@code run} of {@code team}: {@code report.html} written at {@code at}, {@code metrics.json}
   * when given, and a copy of the service's label set {@code labelSet} as the run's label store would hold it.
   *
   * @return the run's directory
   */
  static Path publish(String team, String run, Instant at, Optional<String> metrics, Optional<String> labelSet) {
    try {
      Path dir = Files.createDirectories(root().resolve(team).resolve(run));
      if (metrics.isPresent()) {
        Files.writeString(dir.resolve("metrics.json"), metrics.get());
      }
      if (labelSet.isPresent()) {
        copyTree(ServiceTestResource.dataDir().resolve("label-sets").resolve(labelSet.get()),
            dir.resolve("labels").resolve("f0.1-seed1").resolve("teacher-17").resolve(labelSet.get()));
      }
      Path html = dir.resolve("report.html");
      Files.write(html, html(team + " " + run));
      Files.setLastModifiedTime(html, FileTime.from(at));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }
}
