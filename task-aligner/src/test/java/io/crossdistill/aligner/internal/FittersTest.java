package io.crossdistill.aligner.internal;

import io.crossdistill.schemas.metrics.Metrics;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FittersTest {

    @Test
    void platt_onLabelsDrawnFromAKnownSigmoid_recoversItsParameters() {
        SplittableRandom random = new SplittableRandom(7);
        int n = 20_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble(-4, 4);
            y[i] = random.nextDouble() < Metrics.sigmoid(1.5 * x[i] - 0.7) ? 1 : 0;
        }
        PlattFitter.Parameters fitted = PlattFitter.fit(x, y);
        assertThat(fitted.a()).isCloseTo(1.5, within(0.08));
        assertThat(fitted.b()).isCloseTo(-0.7, within(0.08));
    }

    @Test
    void platt_onPerfectlySeparableLabels_staysFiniteAndRanksCorrectly() {
        double[] x = {-3, -2, -1, 1, 2, 3};
        double[] y = {0, 0, 0, 1, 1, 1};
        PlattFitter.Parameters fitted = PlattFitter.fit(x, y);
        assertThat(Double.isFinite(fitted.a()) && Double.isFinite(fitted.b())).isTrue();
        assertThat(fitted.a()).isPositive();
    }

    @Test
    void platt_onAnAntiInformativeHead_givesAFlatBaseRateInsteadOfInvertingTheOrder() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 5_000;
        double[] x = new double[n];
        double[] y = new double[n];
        double positives = 0;
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble(-4, 4);
            y[i] = random.nextDouble() < Metrics.sigmoid(-1.0 * x[i]) ? 1 : 0;
            positives += y[i];
        }
        PlattFitter.Parameters fitted = PlattFitter.fit(x, y);
        double rate = positives / n;
        assertThat(fitted.a()).isZero();
        assertThat(fitted.b()).isCloseTo(Math.log(rate / (1 - rate)), within(1e-9));
    }

    @Test
    void isotonic_onLabelsDrawnFromAKnownMonotoneCurve_recoversTheCurve() {
        SplittableRandom random = new SplittableRandom(11);
        int n = 20_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble(0, 1);
            y[i] = random.nextDouble() < truth(x[i]) ? 1 : 0;
        }
        IsotonicFitter.Knots knots = IsotonicFitter.fit(x, y);
        ColumnKernel.PiecewiseKernel curve = kernel(knots);
        double error = 0;
        for (int k = 0; k <= 100; k++) {
            double at = 0.05 + 0.9 * k / 100;
            error += Math.abs(curve.at((float) at) - truth(at));
        }
        assertThat(error / 101).isLessThan(0.03);
    }

    /** A monotone calibration curve with a plateau, which Platt scaling could not express. */
    private static double truth(double x) {
        return x < 0.4 ? 0.1 + 0.5 * x : x < 0.6 ? 0.3 : 0.3 + 1.5 * (x - 0.6);
    }

    @Test
    void isotonic_onAnyData_givesStrictlyIncreasingKnotsAndNonDecreasingValues() {
        SplittableRandom random = new SplittableRandom(3);
        double[] x = new double[500];
        double[] y = new double[500];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.round(random.nextDouble(-5, 5) * 4) / 4.0; // many ties
            y[i] = random.nextDouble(-1, 1) + 0.2 * x[i];
        }
        IsotonicFitter.Knots knots = IsotonicFitter.fit(x, y);
        for (int i = 1; i < knots.x().size(); i++) {
            assertThat(knots.x().get(i)).isGreaterThan(knots.x().get(i - 1));
            assertThat(knots.y().get(i)).isGreaterThanOrEqualTo(knots.y().get(i - 1));
        }
    }

    @Test
    void isotonic_onAStepFunction_findsTheSteps() {
        double[] x = {1, 2, 3, 4, 5, 6};
        double[] y = {0, 0, 0, 5, 5, 5};
        IsotonicFitter.Knots knots = IsotonicFitter.fit(x, y);
        assertThat(knots.x()).containsExactly(1.0, 3.0, 4.0, 6.0);
        assertThat(knots.y()).containsExactly(0.0, 0.0, 5.0, 5.0);
    }

    @Test
    void linear_onNoisyLine_recoversSlopeAndIntercept() {
        SplittableRandom random = new SplittableRandom(5);
        double[] x = new double[5_000];
        double[] y = new double[5_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble(0, 600);
            y[i] = 0.01 * x[i] + 1.5 + random.nextDouble(-0.2, 0.2);
        }
        LinearFitter.Parameters fitted = LinearFitter.fit(x, y);
        assertThat(fitted.slope()).isCloseTo(0.01, within(1e-4));
        assertThat(fitted.intercept()).isCloseTo(1.5, within(0.02));
    }

    private static ColumnKernel.PiecewiseKernel kernel(IsotonicFitter.Knots knots) {
        return new ColumnKernel.PiecewiseKernel(0, floats(knots.x()), floats(knots.y()));
    }

    private static float[] floats(List<Double> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).floatValue();
        }
        return out;
    }
}
