package io.crossdistill.aligner.internal;

/**
 * Fills one column of the aligned output for a whole batch. One virtual call per column and batch; the
 * loops inside touch only primitive arrays, so applying an alignment allocates nothing.
 */
public sealed interface ColumnKernel permits ColumnKernel.AffineKernel, ColumnKernel.MixKernel, ColumnKernel.PiecewiseKernel {

    /**
     * @param in        teacher outputs, row-major, {@code headCount} per row
     * @param rows      rows in the batch
     * @param headCount teacher heads per row
     * @param out       aligned labels, row-major, {@code width} per row
     * @param width     aligned columns per row
     * @param column    the column this kernel fills
     */
    void apply(float[] in, int rows, int headCount, float[] out, int width, int column);

    /** {@code a · head + b}: identity, temperature, affine, Platt, linear fit and auxiliary-only all compile to it. */
    record AffineKernel(int head, float a, float b) implements ColumnKernel {
        @Override
        public void apply(float[] in, int rows, int headCount, float[] out, int width, int column) {
            final float scale = a;
            final float offset = b;
            int src = head;
            int dst = column;
            for (int r = 0; r < rows; r++) {
                out[dst] = scale * in[src] + offset;
                src += headCount;
                dst += width;
            }
        }
    }

    /** {@code bias + Σ weights[k] · heads[k]}. */
    record MixKernel(int[] heads, float[] weights, float bias) implements ColumnKernel {
        @Override
        public void apply(float[] in, int rows, int headCount, float[] out, int width, int column) {
            final int terms = heads.length;
            int base = 0;
            int dst = column;
            for (int r = 0; r < rows; r++) {
                float sum = bias;
                for (int k = 0; k < terms; k++) {
                    sum += weights[k] * in[base + heads[k]];
                }
                out[dst] = sum;
                base += headCount;
                dst += width;
            }
        }
    }

    /**
     * Linear interpolation through knots {@code (xs[i], ys[i])}, constant beyond the ends; NaN stays NaN.
     * Isotonic transforms compile to it (with {@code ys} already in the label space).
     */
    record PiecewiseKernel(int head, float[] xs, float[] ys) implements ColumnKernel {
        @Override
        public void apply(float[] in, int rows, int headCount, float[] out, int width, int column) {
            int src = head;
            int dst = column;
            for (int r = 0; r < rows; r++) {
                out[dst] = at(in[src]);
                src += headCount;
                dst += width;
            }
        }

        /** @return the interpolated value at {@code x} */
        public float at(float x) {
            int last = xs.length - 1;
            if (x != x) {
                return Float.NaN;
            }
            if (x <= xs[0]) {
                return ys[0];
            }
            if (x >= xs[last]) {
                return ys[last];
            }
            int lo = 0;
            int hi = last;
            while (hi - lo > 1) {
                int mid = (lo + hi) >>> 1;
                if (xs[mid] <= x) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            float t = (x - xs[lo]) / (xs[hi] - xs[lo]);
            return ys[lo] + t * (ys[hi] - ys[lo]);
        }
    }
}
