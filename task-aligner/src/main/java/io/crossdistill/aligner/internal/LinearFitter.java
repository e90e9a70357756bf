package io.crossdistill.aligner.internal;

/** Ordinary least squares on one variable: {@code y ≈ slope · x + intercept}. */
public final class LinearFitter {

    /** Fitted parameters. */
    public record Parameters(double slope, double intercept) {
    }

    private LinearFitter() {
    }

    /** @param x head outputs, not all equal */
    public static Parameters fit(double[] x, double[] y) {
        int n = x.length;
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            meanX += x[i];
            meanY += y[i];
        }
        meanX /= n;
        meanY /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - meanX;
            sxy += dx * (y[i] - meanY);
            sxx += dx * dx;
        }
        double slope = sxy / sxx;
        return new Parameters(slope, meanY - slope * meanX);
    }
}
