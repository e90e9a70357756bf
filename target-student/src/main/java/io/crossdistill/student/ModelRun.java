package io.crossdistill.student;

import io.crossdistill.models.EpochLoss;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One model, or the teacher used zero-shot, scored on one split: what it is (variant, share of the
 * target training data, seed), how well it did per task, how it trained, where it came from, and its
 * per-example outputs. Runs are the input of {@link Comparisons} and of the report.
 *
 * @param variant what kind of model, e.g. {@value #CONTROL}, {@value #TEACHER_ZERO_SHOT}, "distilled"
 * @param fraction the share of the target training split used, in [0, 1] (0 for the teacher)
 * @param seed the training seed (any fixed number for the teacher)
 * @param split {@value #VALID} or {@value #TEST}
 * @param metrics task name → metrics on this split, in task order
 * @param learningCurve the losses per epoch; empty for a model that was not trained here
 * @param provenance flattened provenance: teacher hash, mapping version, hyper-parameters, …
 * @param parameters the number of trainable parameters, when known
 * @param scores the per-example outputs the metrics were computed from
 */
public record ModelRun(String variant, double fraction, long seed, String split, Map<String, TaskMetrics> metrics,
    List<EpochLoss> learningCurve, Map<String, String> provenance, OptionalLong parameters, ScoredSplit scores) {

  public static final String CONTROL = "control";
  public static final String TEACHER_ZERO_SHOT = "teacher-zero-shot";
  public static final String VALID = "valid";
  public static final String TEST = "test";

  /** Validates and copies; map orders are kept. */
  public ModelRun {
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(scores, "scores");
    if (variant.isBlank()) {
      throw new IllegalArgumentException("variant is blank");
    }
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction " + fraction + " is not in [0, 1]");
    }
    if (!split.equals(VALID) && !split.equals(TEST)) {
      throw new IllegalArgumentException("split " + split + " is neither " + VALID + " nor " + TEST);
    }
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    learningCurve = List.copyOf(learningCurve);
    provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
  }

  /** A run whose metrics are computed from its scores, which is how the training side should build one. */
  public static ModelRun of(String variant, double fraction, long seed, String split, ScoredSplit scores,
      List<EpochLoss> learningCurve, Map<String, String> provenance, OptionalLong parameters) {
    return new ModelRun(variant, fraction, seed, split, scores.metrics(), learningCurve, provenance, parameters, scores);
  }

  /** Whether this run is on the test split. */
  public boolean isTest() {
    return split.equals(TEST);
  }

  /** "variant f0.1 seed 3 (test)", for messages and tables. */
  public String label() {
    return variant + " f" + fraction + " seed " + seed + " (" + split + ")";
  }
}
