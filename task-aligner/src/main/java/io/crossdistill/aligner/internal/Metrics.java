package io.crossdistill.aligner.internal;

import java.util.Arrays;

/** The few metrics a fit report needs: ROC AUC, expected calibration error and R², on double arrays. */
public final class Metrics {

    /** Equal-width probability bins used by {@link #expectedCalibrationError}. */
    public static final int CALIBRATION_BINS = 10;

    private Metrics() {
    }

    /**
     * ROC AUC by the rank-sum (Mann-Whitney) formula; tied scores share their average rank.
     *
     * @param scores any monotone score (logits, probabilities)
     * @param labels 0 or 1, both present
     */
    public static double auc(double[] scores, double[] labels) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> Double.compare(scores[i], scores[j]));
        double positiveRankSum = 0;
        long positives = 0;
        int start = 0;
        while (start < n) {
            int end = start;
            while (end + 1 < n && scores[order[end + 1]] == scores[order[start]]) {
                end++;
            }
            double averageRank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                if (labels[order[k]] > 0.5) {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }
            start = end + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /**
     * Expected calibration error over {@link #CALIBRATION_BINS} equal-width bins:
     * Σ (bin size / n) · |mean probability − positive rate|.
     */
    public static double expectedCalibrationError(double[] probabilities, double[] labels) {
        int bins = CALIBRATION_BINS;
        double[] sumP = new double[bins];
        double[] sumY = new double[bins];
        int[] count = new int[bins];
        for (int i = 0; i < probabilities.length; i++) {
            double p = probabilities[i];
            int bin = Math.min(bins - 1, Math.max(0, (int) (p * bins)));
            sumP[bin] += p;
            sumY[bin] += labels[i];
            count[bin]++;
        }
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                ece += Math.abs(sumP[b] - sumY[b]) / probabilities.length;
            }
        }
        return ece;
    }

    /** @return 1 − SS_res / SS_tot; NaN when the labels are constant */
    public static double rSquared(double[] predictions, double[] labels) {
        double mean = 0;
        for (double y : labels) {
            mean += y;
        }
        mean /= labels.length;
        double residual = 0;
        double total = 0;
        for (int i = 0; i < labels.length; i++) {
            double e = labels[i] - predictions[i];
            double d = labels[i] - mean;
            residual += e * e;
            total += d * d;
        }
        return total == 0 ? Double.NaN : 1 - residual / total;
    }

    /** @return 1 / (1 + e^−x) */
    public static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
