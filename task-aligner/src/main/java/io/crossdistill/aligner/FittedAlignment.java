package io.crossdistill.aligner;

import java.util.Objects;

/**
 * The result of {@link TaskAligner#fit}: a new spec version holding the learned parameters, and the report
 * of how well they fit. The spec that was fitted is left unchanged.
 *
 * @param spec   the fitted spec, version = old version + 1
 * @param report quality before and after, per task
 */
public record FittedAlignment(TaskAlignmentSpec spec, FitReport report) {

    public FittedAlignment {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(report, "report");
    }
}
