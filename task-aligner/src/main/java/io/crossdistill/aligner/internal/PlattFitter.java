package io.crossdistill.aligner.internal;

import io.crossdistill.schemas.metrics.Metrics;

/**
 * Platt scaling: fits {@code P(y = 1 | x) = sigmoid(a · x + b)} by maximum likelihood with Newton's method,
 * with {@code a >= 0} so that calibrating never inverts the teacher's order.
 * A tiny ridge on {@code a} keeps the Hessian invertible when the sample is perfectly separable; it moves
 * the estimate by far less than sampling noise on samples of a few hundred rows.
 */
public final class PlattFitter {

    /** Fitted parameters. */
    public record Parameters(double a, double b) {
    }

    private static final double RIDGE = 1e-6;
    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-10;

    private PlattFitter() {
    }

    /**
     * @param x head outputs
     * @param y labels, 0 or 1, both classes present
     */
    public static Parameters fit(double[] x, double[] y) {
        int n = x.length;
        double a = 0;
        double b = 0;
        double loss = negativeLogLikelihood(x, y, a, b);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double ga = RIDGE * a;
            double gb = 0;
            double haa = RIDGE;
            double hab = 0;
            double hbb = 0;
            for (int i = 0; i < n; i++) {
                double p = Metrics.sigmoid(a * x[i] + b);
                double residual = p - y[i];
                double w = Math.max(p * (1 - p), 1e-12);
                ga += residual * x[i];
                gb += residual;
                haa += w * x[i] * x[i];
                hab += w * x[i];
                hbb += w;
            }
            double determinant = haa * hbb - hab * hab;
            if (!(determinant > 0)) {
                break;
            }
            double da = (hbb * ga - hab * gb) / determinant;
            double db = (haa * gb - hab * ga) / determinant;
            // Step halving keeps Newton monotone on badly scaled heads.
            double step = 1;
            double nextLoss = negativeLogLikelihood(x, y, a - da, b - db);
            while (nextLoss > loss && step > 1e-8) {
                step /= 2;
                nextLoss = negativeLogLikelihood(x, y, a - step * da, b - step * db);
            }
            if (nextLoss > loss) {
                break;
            }
            a -= step * da;
            b -= step * db;
            double improvement = loss - nextLoss;
            loss = nextLoss;
            if (improvement < TOLERANCE * Math.max(1, loss)) {
                break;
            }
        }
        if (a < 0) {
            // Calibration must never invert the teacher's ranking: a head that is anti-informative on the
            // sample gets a flat calibration (the base rate), and the fit report shows it (AUC 0.5).
            return new Parameters(0, baseRateLogit(y));
        }
        return new Parameters(a, b);
    }

    private static double baseRateLogit(double[] y) {
        double positives = 0;
        for (double v : y) {
            positives += v;
        }
        double rate = Math.min(1 - 1e-6, Math.max(1e-6, positives / y.length));
        return Math.log(rate / (1 - rate));
    }

    private static double negativeLogLikelihood(double[] x, double[] y, double a, double b) {
        double sum = 0.5 * RIDGE * a * a;
        for (int i = 0; i < x.length; i++) {
            double z = a * x[i] + b;
            // log(1 + e^z) − y·z, computed without overflow
            double softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
            sum += softplus - y[i] * z;
        }
        return sum;
    }
}
