package io.crossdistill.aligner.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Isotonic regression by pool-adjacent-violators: the non-decreasing step function of {@code x} closest to
 * {@code y} in squared error. Each pooled block becomes two knots (its smallest and largest {@code x}) with
 * the block mean, so interpolating between knots reproduces the blocks and rises linearly between them.
 */
public final class IsotonicFitter {

    /** Knots of the fitted map, x strictly increasing and y non-decreasing. */
    public record Knots(List<Double> x, List<Double> y) {
    }

    private IsotonicFitter() {
    }

    public static Knots fit(double[] x, double[] y) {
        int n = x.length;
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (i, j) -> Double.compare(x[i], x[j]));
        // Blocks as a stack: sum of y, weight, smallest and largest x.
        double[] sum = new double[n];
        double[] weight = new double[n];
        double[] low = new double[n];
        double[] high = new double[n];
        int blocks = 0;
        for (int k = 0; k < n; k++) {
            int i = boxed[k];
            if (blocks > 0 && high[blocks - 1] == x[i]) {
                // equal x must share one value
                sum[blocks - 1] += y[i];
                weight[blocks - 1] += 1;
            } else {
                sum[blocks] = y[i];
                weight[blocks] = 1;
                low[blocks] = x[i];
                high[blocks] = x[i];
                blocks++;
            }
            while (blocks > 1 && sum[blocks - 2] / weight[blocks - 2] >= sum[blocks - 1] / weight[blocks - 1]) {
                sum[blocks - 2] += sum[blocks - 1];
                weight[blocks - 2] += weight[blocks - 1];
                high[blocks - 2] = high[blocks - 1];
                blocks--;
            }
        }
        List<Double> knotX = new ArrayList<>(2 * blocks);
        List<Double> knotY = new ArrayList<>(2 * blocks);
        for (int b = 0; b < blocks; b++) {
            double mean = sum[b] / weight[b];
            knotX.add(low[b]);
            knotY.add(mean);
            if (high[b] > low[b]) {
                knotX.add(high[b]);
                knotY.add(mean);
            }
        }
        return new Knots(knotX, knotY);
    }
}
