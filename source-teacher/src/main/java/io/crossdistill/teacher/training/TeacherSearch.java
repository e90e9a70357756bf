package io.crossdistill.teacher.training;

import io.crossdistill.labelling.TeacherTraining;
import io.crossdistill.models.InputStatistics;
import io.crossdistill.models.ModelException;
import io.crossdistill.models.ModelTrainer;
import io.crossdistill.models.MultiTaskModel;
import io.crossdistill.models.NetworkConfig;
import io.crossdistill.models.ReferenceTeacher;
import io.crossdistill.models.TabularData;
import io.crossdistill.models.TeacherArtifact;
import io.crossdistill.models.TeacherRecipe;
import io.crossdistill.models.TrainingConfig;
import io.crossdistill.v1.Provenance;
import io.crossdistill.v1.TeacherSignature;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Which teacher to train within a compute budget: successive halving over candidate configurations of
 * the reference family (embedding width, trunk width and depth) sampled at random from a space, with
 * epochs as the resource. Every candidate trains {@code minEpochs}; each rung keeps the best
 * {@code 1/eta} and trains them on to {@code eta} times the epochs, up to {@code maxEpochs}. A candidate
 * is scored on the source validation loss and on its usefulness to the target (distilled-student lift
 * on target VALID, {@link TargetUsefulness}); the rank is the sum of its two ranks among the candidates
 * of the rung (ties: lower source loss). Before each training step the remaining wall-clock budget is
 * checked against the candidate's measured cost; what does not fit is cut and reported, and the best
 * candidate of the highest rung reached is written as a sealed artifact.
 */
public final class TeacherSearch {

  /**
   * Search settings.
   *
   * @param budget wall-clock budget for the whole search
   * @param candidates configurations sampled at the first rung
   * @param eta keep 1/eta per rung, multiply epochs by eta
   * @param minEpochs epochs at the first rung
   * @param maxEpochs most epochs of any candidate
   * @param seed sampling and training seed
   */
  public record Settings(Duration budget, int candidates, int eta, int minEpochs, int maxEpochs, long seed,
      float learningRate, int batchSize) {
  }

  /** One configuration of the family. */
  public record Candidate(int id, int embeddingDim, List<Integer> hiddenWidths) {
  }

  /**
   * One line of the search table.
   *
   * @param epochs epochs trained when last scored (the highest rung it reached)
   * @param status {@code best}, {@code halved at rung k}, {@code cut by budget at rung k} or {@code not reached}
   */
  public record Row(Candidate candidate, long parameters, int rung, int epochs, double sourceLoss, double distilledAuc,
      double lift, double seconds, String status) {
  }

  /** The table, the control student's AUC, the winner and where it was written. */
  public record Result(List<Row> rows, double controlAuc, Optional<Row> best, Optional<TeacherSignature> artifact,
      List<String> cut, Duration elapsed) {
  }

  private static final int[] EMBEDDINGS = {8, 16, 32, 64};
  private static final int[] WIDTHS = {64, 128, 256, 512};
  private static final int[] DEPTHS = {1, 2, 3};

  private TeacherSearch() {
  }

  /** Samples {@code n} distinct configurations: widths halve with depth (e.g. 256, 128, 64). */
  public static List<Candidate> sample(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Set<String> seen = new LinkedHashSet<>();
    List<Candidate> out = new ArrayList<>();
    int limit = EMBEDDINGS.length * WIDTHS.length * DEPTHS.length;
    while (out.size() < Math.min(n, limit)) {
      int embedding = EMBEDDINGS[random.nextInt(EMBEDDINGS.length)];
      int width = WIDTHS[random.nextInt(WIDTHS.length)];
      int depth = DEPTHS[random.nextInt(DEPTHS.length)];
      if (seen.add(embedding + "/" + width + "/" + depth)) {
        List<Integer> widths = new ArrayList<>();
        for (int d = 0; d < depth; d++) {
          widths.add(Math.max(16, width >> d));
        }
        out.add(new Candidate(out.size() + 1, embedding, widths));
      }
    }
    return out;
  }

  /** Runs the search and writes the best teacher into {@code artifactDir}. */
  public static Result run(TeacherTraining.Prepared source, TargetUsefulness target, Settings settings, Path artifactDir,
      Consumer<String> log) throws ModelException {
    long start = System.nanoTime();
    long deadline = start + settings.budget().toNanos();
    TeacherSignature signature = source.signature();
    TabularData train = ReferenceTeacher.withIdDropout(source.train().data(), signature,
        TeacherRecipe.DEFAULT_ID_DROPOUT, settings.seed());
    TabularData valid = source.valid().data();
    List<Candidate> candidates = sample(settings.candidates(), settings.seed());
    Map<Integer, MultiTaskModel> models = new LinkedHashMap<>();
    Map<Integer, Row> rows = new LinkedHashMap<>();
    Map<Integer, Double> secondsPerEpoch = new TreeMap<>();
    List<String> cut = new ArrayList<>();
    candidates.forEach(c -> rows.put(c.id(), new Row(c, network(signature, c).parameterCount(), -1, 0, Double.NaN,
        Double.NaN, Double.NaN, 0, "not reached")));
    double studentSeconds = 0;
    List<Candidate> survivors = new ArrayList<>(candidates);
    int epochs = settings.minEpochs();
    int rung = 0;
    Candidate best = null;
    try {
      while (!survivors.isEmpty()) {
        List<Row> scored = new ArrayList<>();
        for (Candidate c : survivors) {
          Row before = rows.get(c.id());
          int more = epochs - before.epochs();
          double estimate = secondsPerEpoch.getOrDefault(c.id(), 0.0) * more + studentSeconds;
          if (System.nanoTime() + (long) (estimate * 1e9) > deadline) {
            rows.put(c.id(), withStatus(before, "cut by budget at rung " + rung));
            cut.add("candidate " + c.id() + " at rung " + rung + " (needed ~" + Math.round(estimate) + " s)");
            continue;
          }
          long t0 = System.nanoTime();
          MultiTaskModel model = models.computeIfAbsent(c.id(), id -> MultiTaskModel.create(network(signature, c),
              settings.seed()));
          TrainingConfig config = TrainingConfig.builder().setSeed(settings.seed() + rung)
              .optLearningRate(settings.learningRate()).optBatchSize(settings.batchSize())
              .optMaxEpochs(more).optPatience(more).build();
          ModelTrainer.train(model, train, valid, config);
          double trainSeconds = (System.nanoTime() - t0) / 1e9;
          secondsPerEpoch.put(c.id(), trainSeconds / more);
          double loss = model.loss(valid);
          long s0 = System.nanoTime();
          double auc = target.distilledAuc(model.predict(target.teacherRows()), model.config().headCount());
          studentSeconds = (System.nanoTime() - s0) / 1e9;
          Row row = new Row(c, before.parameters(), rung, epochs, loss, auc, auc - target.controlAuc(),
              before.seconds() + (System.nanoTime() - t0) / 1e9, "scored");
          rows.put(c.id(), row);
          scored.add(row);
          log.accept(String.format(java.util.Locale.ROOT,
              "rung %d: candidate %d (emb %d, widths %s) %d epochs: source loss %.4f, lift %+.4f, %.1f s", rung, c.id(),
              c.embeddingDim(), c.hiddenWidths(), epochs, loss, auc - target.controlAuc(), row.seconds()));
        }
        if (scored.isEmpty()) {
          break;
        }
        List<Row> ranked = rank(scored);
        best = ranked.get(0).candidate();
        int next = Math.min(settings.maxEpochs(), epochs * settings.eta());
        int keep = (int) Math.ceil(ranked.size() / (double) settings.eta());
        if (next <= epochs || ranked.size() == 1) {
          break;
        }
        survivors = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
          Candidate c = ranked.get(i).candidate();
          if (i < keep) {
            survivors.add(c);
          } else {
            rows.put(c.id(), withStatus(rows.get(c.id()), "halved at rung " + rung));
            models.remove(c.id()).close();
          }
        }
        epochs = next;
        rung++;
      }
      Optional<TeacherSignature> written = Optional.empty();
      if (best != null) {
        Row row = rows.get(best.id());
        rows.put(best.id(), withStatus(row, "best"));
        MultiTaskModel model = models.get(best.id());
        TeacherSignature withStats = InputStatistics.withStatistics(signature, source.train().data());
        Map<String, String> hp = new TreeMap<>(TeacherRecipe.of(best.embeddingDim(), best.hiddenWidths(),
            TrainingConfig.builder().setSeed(settings.seed()).optLearningRate(settings.learningRate())
                .optBatchSize(settings.batchSize()).optMaxEpochs(row.epochs()).build()).hyperParameters());
        hp.put("search", "successive halving, eta " + settings.eta() + ", budget " + settings.budget());
        hp.put("search.lift", String.format(java.util.Locale.ROOT, "%.4f", row.lift()));
        withStats.setProvenance(Provenance.newBuilder().setTeacherId(signature.getTeacherId())
            .setHyperParameters(hp).setSeed(settings.seed()).setInputDataHash(source.inputDataHash())
            .setProducer("crossdistill teacher search").build());
        written = Optional.of(TeacherArtifact.write(artifactDir, model, withStats));
      }
      List<Row> table = new ArrayList<>(rows.values());
      table.sort(Comparator.comparingInt((Row r) -> -r.rung()).thenComparingDouble(r -> -safe(r.lift())));
      return new Result(table, target.controlAuc(), Optional.ofNullable(best).map(b -> rows.get(b.id())), written, cut,
          Duration.ofNanos(System.nanoTime() - start));
    } finally {
      models.values().forEach(MultiTaskModel::close);
    }
  }

  /** Rank sum of source loss (lower is better) and lift (higher is better); ties by lower loss. */
  static List<Row> rank(List<Row> rows) {
    List<Row> byLoss = new ArrayList<>(rows);
    byLoss.sort(Comparator.comparingDouble(Row::sourceLoss));
    List<Row> byLift = new ArrayList<>(rows);
    byLift.sort(Comparator.comparingDouble((Row r) -> -r.lift()));
    List<Row> ranked = new ArrayList<>(rows);
    ranked.sort(Comparator.comparingInt((Row r) -> byLoss.indexOf(r) + byLift.indexOf(r))
        .thenComparingDouble(Row::sourceLoss));
    return ranked;
  }

  private static double safe(double v) {
    return Double.isNaN(v) ? -1e9 : v;
  }

  private static Row withStatus(Row row, String status) {
    return new Row(row.candidate(), row.parameters(), row.rung(), row.epochs(), row.sourceLoss(), row.distilledAuc(),
        row.lift(), row.seconds(), status);
  }

  private static NetworkConfig network(TeacherSignature signature, Candidate c) {
    return NetworkConfig.fromSignature(signature, c.embeddingDim(), c.hiddenWidths());
  }
}
