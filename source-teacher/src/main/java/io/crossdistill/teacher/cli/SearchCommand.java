package io.crossdistill.teacher.cli;

import io.crossdistill.datasets.CrossDomainData;
import io.crossdistill.labelling.TeacherTraining;
import io.crossdistill.models.ModelException;
import io.crossdistill.models.TrainingConfig;
import io.crossdistill.teacher.training.TargetUsefulness;
import io.crossdistill.teacher.training.TeacherSearch;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code teacher search}: successive halving over teacher configurations within a wall-clock budget. */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = "Search teacher configurations (embedding, widths, depth, epochs) by successive halving within a"
        + " wall-clock budget; score on source validation loss and distilled-student lift on target VALID.")
final class SearchCommand implements Callable<Integer> {

  @Mixin
  DataOptions data = new DataOptions();

  @Option(names = "--budget", defaultValue = "10m",
      description = "wall-clock budget: 90s, 10m, 1h (default ${DEFAULT-VALUE})")
  String budget;

  @Option(names = "--candidates", defaultValue = "12", description = "configurations at the first rung (default ${DEFAULT-VALUE})")
  int candidates;

  @Option(names = "--eta", defaultValue = "2", description = "keep 1/eta per rung, epochs × eta (default ${DEFAULT-VALUE})")
  int eta;

  @Option(names = "--min-epochs", defaultValue = "1", description = "epochs at the first rung (default ${DEFAULT-VALUE})")
  int minEpochs;

  @Option(names = "--max-epochs", defaultValue = "8", description = "most epochs (default ${DEFAULT-VALUE})")
  int maxEpochs;

  @Option(names = "--student-epochs", defaultValue = "30",
      description = "most epochs of the scoring students, early-stopped on target VALID (default ${DEFAULT-VALUE})")
  int studentEpochs;

  @Option(names = "--seed", defaultValue = "1", description = "seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--out", defaultValue = "crossdistill-out/teacher-search/best", paramLabel = "DIR",
      description = "where the best teacher's artifact goes (default ${DEFAULT-VALUE})")
  Path out;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws ModelException {
    PrintWriter log = spec.commandLine().getOut();
    Duration limit = parse(budget);
    long start = System.nanoTime();
    log.println("data: " + data.describe());
    CrossDomainData splits = data.load();
    TeacherTraining.Prepared source = TeacherTraining.prepare(splits, "searched-teacher");
    TargetUsefulness target = TargetUsefulness.prepare(splits, source.signature(), source.scaling(), data.sharedIds(),
        data.idLookups(), TrainingConfig.builder().setSeed(seed).optLearningRate(2e-3f).optBatchSize(256)
            .optMaxEpochs(studentEpochs).optPatience(3).build());
    Duration left = limit.minusNanos(System.nanoTime() - start);
    log.printf(Locale.ROOT, "search: %d candidates, eta %d, epochs %d..%d, budget %s (%s left after data);"
        + " control student AUC on target VALID %.4f; distilled tasks %s%n", candidates, eta, minEpochs, maxEpochs,
        limit, left, target.controlAuc(), target.distilledTasks(splits.target().taskNames()));
    log.flush();
    TeacherSearch.Result result = TeacherSearch.run(source, target,
        new TeacherSearch.Settings(left, candidates, eta, minEpochs, maxEpochs, seed, 2e-3f, 512), out,
        line -> {
          log.println("  " + line);
          log.flush();
        });
    log.println();
    log.println(table(result));
    if (!result.cut().isEmpty()) {
      log.println("cut by the budget: " + String.join("; ", result.cut()));
    }
    result.artifact().ifPresentOrElse(
        signature -> log.println("best teacher: " + out.toAbsolutePath() + " (content hash " + signature.getContentHash()
            + ")"),
        () -> log.println("no candidate finished within the budget; nothing written"));
    log.printf(Locale.ROOT, "search took %.1f s of a %s budget%n", (System.nanoTime() - start) / 1e9, limit);
    return result.artifact().isPresent() ? 0 : 3;
  }

  static String table(TeacherSearch.Result result) {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "%3s %4s %-16s %10s %4s %6s %10s %10s %8s %8s  %s%n", "id", "emb", "widths",
        "params", "rung", "epochs", "src loss", "dist. AUC", "lift", "time s", "status"));
    for (TeacherSearch.Row r : result.rows()) {
      s.append(String.format(Locale.ROOT, "%3d %4d %-16s %,10d %4s %6d %10.4f %10.4f %+8.4f %8.1f  %s%n",
          r.candidate().id(), r.candidate().embeddingDim(), r.candidate().hiddenWidths().toString().replace(" ", ""),
          r.parameters(), r.rung() < 0 ? "-" : Integer.toString(r.rung()), r.epochs(), r.sourceLoss(), r.distilledAuc(),
          r.lift(), r.seconds(), r.status()));
    }
    s.append(String.format(Locale.ROOT, "control student AUC (target VALID): %.4f; lift = distilled − control%n",
        result.controlAuc()));
    return s.toString();
  }

  static Duration parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      return switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        default -> Duration.parse("PT" + t.toUpperCase(Locale.ROOT));
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("--budget: '" + text + "' is not a duration like 90s, 10m or 1h");
    }
  }
}
