package io.crossdistill.aligner;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * How one teacher head's output becomes a target task's label. Fixed transforms ({@link Identity},
 * {@link Temperature}, {@link Affine}) are applied as written; fitted transforms ({@link Platt},
 * {@link Isotonic}, {@link LinearFit}) start without parameters and get them from
 * {@link TaskAligner#fit}. A fitted transform without parameters cannot be compiled.
 */
public sealed interface Transform {

    /** @return the spelling used in JSON specs, e.g. {@code platt} */
    String type();

    /** @return true when {@link TaskAligner#fit} learns this transform's parameters */
    default boolean learnedByFit() {
        return false;
    }

    /** @return true when the transform has every parameter it needs to be applied */
    default boolean isFitted() {
        return true;
    }

    /** The head's output, unchanged. */
    record Identity() implements Transform {
        @Override
        public String type() {
            return "identity";
        }
    }

    /**
     * A logit divided by {@code t}: above 1 softens, below 1 sharpens. Binary tasks only.
     *
     * @param t the temperature, finite and above 0
     */
    record Temperature(double t) implements Transform {
        @Override
        public String type() {
            return "temperature";
        }
    }

    /**
     * {@code a · x + b}, fixed by the author.
     *
     * @param a scale
     * @param b offset
     */
    record Affine(double a, double b) implements Transform {
        @Override
        public String type() {
            return "affine";
        }
    }

    /**
     * Platt scaling, fitted: the calibrated logit is {@code a · x + b}, where {@code x} is the head output and
     * the fit maximises the likelihood of the sample's binary labels. Binary tasks only.
     *
     * @param a scale, empty until fitted
     * @param b offset, empty until fitted
     */
    record Platt(OptionalDouble a, OptionalDouble b) implements Transform {
        public Platt {
            Objects.requireNonNull(a, "a");
            Objects.requireNonNull(b, "b");
        }

        /** @return a Platt transform to be fitted */
        public static Platt unfitted() {
            return new Platt(OptionalDouble.empty(), OptionalDouble.empty());
        }

        /** @return a Platt transform with known parameters */
        public static Platt fitted(double a, double b) {
            return new Platt(OptionalDouble.of(a), OptionalDouble.of(b));
        }

        @Override
        public String type() {
            return "platt";
        }

        @Override
        public boolean learnedByFit() {
            return true;
        }

        @Override
        public boolean isFitted() {
            return a.isPresent() && b.isPresent();
        }
    }

    /**
     * Isotonic regression, fitted: a non-decreasing piecewise-linear map through the knots {@code (x[i], y[i])},
     * constant beyond the first and last knot. For binary tasks {@code y} are probabilities and the label is
     * their logit (interpolated between the knots' logits); for regression tasks {@code y} are values.
     *
     * @param x knot positions on the head output, strictly increasing; empty until fitted
     * @param y knot values, non-decreasing; empty until fitted
     */
    record Isotonic(List<Double> x, List<Double> y) implements Transform {
        public Isotonic {
            x = List.copyOf(x);
            y = List.copyOf(y);
        }

        /** @return an isotonic transform to be fitted */
        public static Isotonic unfitted() {
            return new Isotonic(List.of(), List.of());
        }

        @Override
        public String type() {
            return "isotonic";
        }

        @Override
        public boolean learnedByFit() {
            return true;
        }

        @Override
        public boolean isFitted() {
            return !x.isEmpty() && !y.isEmpty();
        }
    }

    /**
     * Least-squares line, fitted: {@code slope · x + intercept}. Regression tasks only (e.g. a teacher's watch
     * time in seconds to a target's rating).
     *
     * @param slope     empty until fitted
     * @param intercept empty until fitted
     */
    record LinearFit(OptionalDouble slope, OptionalDouble intercept) implements Transform {
        public LinearFit {
            Objects.requireNonNull(slope, "slope");
            Objects.requireNonNull(intercept, "intercept");
        }

        /** @return a linear fit to be fitted */
        public static LinearFit unfitted() {
            return new LinearFit(OptionalDouble.empty(), OptionalDouble.empty());
        }

        /** @return a linear map with known parameters */
        public static LinearFit fitted(double slope, double intercept) {
            return new LinearFit(OptionalDouble.of(slope), OptionalDouble.of(intercept));
        }

        @Override
        public String type() {
            return "linear";
        }

        @Override
        public boolean learnedByFit() {
            return true;
        }

        @Override
        public boolean isFitted() {
            return slope.isPresent() && intercept.isPresent();
        }
    }
}
