package io.crossdistill.aligner;

import io.crossdistill.schemas.TaskKind;
import io.crossdistill.schemas.metrics.CalibrationBins;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What fitting an alignment on a labelled target sample did: for each evaluated task, the sample size and
 * quality before (the raw head output) and after (the fitted label). Binary tasks report ROC AUC and expected
 * calibration error; regression tasks report R². Tasks with a fitted transform are always evaluated; other
 * distilled tasks are evaluated when the sample has labels for them (their before and after are equal).
 *
 * @param alignment   alignment name
 * @param fromVersion the version that was fitted
 * @param toVersion   the new version holding the fitted parameters
 * @param sampleSize  rows in the labelled sample
 * @param tasks       one entry per evaluated task, in spec order
 */
public record FitReport(String alignment, int fromVersion, int toVersion, int sampleSize, List<TaskFit> tasks) {

    public FitReport {
        tasks = List.copyOf(tasks);
    }

    /**
     * Fit quality of one task.
     *
     * @param task       task name
     * @param kind       binary or regression
     * @param source     where the label comes from, e.g. {@code head click · platt}
     * @param fitted     true when fitting learned this task's transform
     * @param sampleSize labelled rows used
     * @param positives  positive labels (binary tasks only)
     * @param aucBefore  AUC of the raw head output (binary)
     * @param aucAfter   AUC of the aligned label (binary)
     * @param eceBefore  ECE of sigmoid(raw output) (binary, when the raw output is a logit)
     * @param eceAfter   ECE of sigmoid(aligned label) (binary)
     * @param r2Before   R² of the raw head output as a prediction of the label (regression)
     * @param r2After    R² of the aligned label (regression)
     * @param calibrationBefore the non-empty calibration bins {@code eceBefore} is computed over (binary, when the
     *                   raw output is a logit; else empty)
     * @param calibrationAfter  the non-empty calibration bins {@code eceAfter} is computed over (binary; else empty)
     */
    public record TaskFit(String task, TaskKind kind, String source, boolean fitted, int sampleSize, OptionalInt positives,
                          OptionalDouble aucBefore, OptionalDouble aucAfter, OptionalDouble eceBefore,
                          OptionalDouble eceAfter, OptionalDouble r2Before, OptionalDouble r2After,
                          List<CalibrationBins.Bin> calibrationBefore, List<CalibrationBins.Bin> calibrationAfter) {

        public TaskFit {
            calibrationBefore = List.copyOf(calibrationBefore);
            calibrationAfter = List.copyOf(calibrationAfter);
        }
    }
}
