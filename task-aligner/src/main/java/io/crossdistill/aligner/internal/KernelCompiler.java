package io.crossdistill.aligner.internal;

import io.crossdistill.aligner.TargetTask;
import io.crossdistill.aligner.TaskSource;
import io.crossdistill.aligner.Transform;
import io.crossdistill.schemas.TaskKind;

import java.util.List;

/** Turns one validated, fitted, distilled task into the kernel that computes its label column. */
public final class KernelCompiler {

    /**
     * Isotonic probabilities are clipped to [EPSILON, 1 − EPSILON] before taking logits, so that a block of
     * all-positive or all-negative sample rows gives a finite label (|logit| ≤ 6.9) instead of ±∞.
     */
    public static final double PROBABILITY_EPSILON = 1e-3;

    private KernelCompiler() {
    }

    /** @return the kernel of a distilled task of a spec that passed validation with fitted transforms */
    public static ColumnKernel compile(TargetTask task, TeacherHeads heads) {
        TaskSource source = task.source();
        if (source instanceof TaskSource.AuxiliaryOnly auxiliary) {
            return new ColumnKernel.AffineKernel(heads.get(auxiliary.head()).index(), 1f, 0f);
        }
        if (source instanceof TaskSource.Mix mix) {
            List<TaskSource.WeightedHead> terms = mix.heads();
            int[] indices = new int[terms.size()];
            float[] weights = new float[terms.size()];
            for (int k = 0; k < terms.size(); k++) {
                indices[k] = heads.get(terms.get(k).head()).index();
                weights[k] = (float) terms.get(k).weight();
            }
            return new ColumnKernel.MixKernel(indices, weights, (float) mix.bias());
        }
        if (source instanceof TaskSource.FromHead fromHead) {
            return transformKernel(heads.get(fromHead.head()).index(), fromHead.transform(), task.kind());
        }
        throw new IllegalArgumentException("task '" + task.name() + "' is not distilled");
    }

    private static ColumnKernel transformKernel(int head, Transform transform, TaskKind kind) {
        if (transform instanceof Transform.Identity) {
            return new ColumnKernel.AffineKernel(head, 1f, 0f);
        }
        if (transform instanceof Transform.Temperature temperature) {
            return new ColumnKernel.AffineKernel(head, (float) (1.0 / temperature.t()), 0f);
        }
        if (transform instanceof Transform.Affine affine) {
            return new ColumnKernel.AffineKernel(head, (float) affine.a(), (float) affine.b());
        }
        if (transform instanceof Transform.Platt platt) {
            return new ColumnKernel.AffineKernel(head, (float) platt.a().orElseThrow(), (float) platt.b().orElseThrow());
        }
        if (transform instanceof Transform.LinearFit linear) {
            return new ColumnKernel.AffineKernel(head, (float) linear.slope().orElseThrow(),
                    (float) linear.intercept().orElseThrow());
        }
        Transform.Isotonic isotonic = (Transform.Isotonic) transform;
        int n = isotonic.x().size();
        float[] xs = new float[n];
        float[] ys = new float[n];
        for (int i = 0; i < n; i++) {
            xs[i] = (float) isotonic.x().get(i).doubleValue();
            double y = isotonic.y().get(i);
            ys[i] = (float) (kind == TaskKind.BINARY ? logit(y) : y);
        }
        return new ColumnKernel.PiecewiseKernel(head, xs, ys);
    }

    /** @return log(p / (1 − p)) with p clipped to [EPSILON, 1 − EPSILON] */
    public static double logit(double p) {
        double clipped = Math.min(1 - PROBABILITY_EPSILON, Math.max(PROBABILITY_EPSILON, p));
        return Math.log(clipped / (1 - clipped));
    }

    /** @return a short human description of where a task's label comes from, e.g. {@code head click · platt} */
    public static String describe(TaskSource source) {
        if (source instanceof TaskSource.FromHead fromHead) {
            return "head " + fromHead.head() + " · " + fromHead.transform().type();
        }
        if (source instanceof TaskSource.Mix mix) {
            StringBuilder text = new StringBuilder("mix");
            for (TaskSource.WeightedHead term : mix.heads()) {
                text.append(' ').append(term.weight() < 0 ? "−" : "+").append(Math.abs(term.weight())).append('·').append(term.head());
            }
            return text.toString();
        }
        if (source instanceof TaskSource.AuxiliaryOnly auxiliary) {
            return "auxiliary-only head " + auxiliary.head();
        }
        return "not distilled";
    }
}
