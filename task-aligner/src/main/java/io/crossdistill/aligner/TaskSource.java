package io.crossdistill.aligner;

import java.util.List;
import java.util.Objects;

/**
 * Where a target task's teacher label comes from: exactly one of a single head through a transform, a
 * weighted mix of heads, an auxiliary-only teacher task, or nothing (the task learns from true labels only).
 */
public sealed interface TaskSource {

    /** @return the spelling used in JSON specs, e.g. {@code auxiliary-only} */
    String type();

    /**
     * One teacher head through a transform.
     *
     * @param head      teacher head name
     * @param transform how the head's output becomes the label
     */
    record FromHead(String head, Transform transform) implements TaskSource {
        public FromHead {
            Objects.requireNonNull(head, "head");
            Objects.requireNonNull(transform, "transform");
        }

        @Override
        public String type() {
            return "head";
        }
    }

    /**
     * {@code bias + Σ weight_i · head_i}, e.g. {@code dislike = −1 · like}. All heads must have the task's kind
     * (logits for binary tasks, values for regression tasks); weights may be negative.
     *
     * @param heads the weighted heads, at least one
     * @param bias  constant added to the sum
     */
    record Mix(List<WeightedHead> heads, double bias) implements TaskSource {
        public Mix {
            heads = List.copyOf(heads);
        }

        @Override
        public String type() {
            return "mix";
        }
    }

    /**
     * One term of a {@link Mix}.
     *
     * @param head   teacher head name
     * @param weight coefficient, finite
     */
    record WeightedHead(String head, double weight) {
        public WeightedHead {
            Objects.requireNonNull(head, "head");
        }
    }

    /**
     * A teacher task the target has no counterpart for (e.g. "continue watching" for a music app): the
     * student learns it through a non-serving head. The label is the head's output unchanged.
     *
     * @param head teacher head name
     */
    record AuxiliaryOnly(String head) implements TaskSource {
        public AuxiliaryOnly {
            Objects.requireNonNull(head, "head");
        }

        @Override
        public String type() {
            return "auxiliary-only";
        }
    }

    /** The task is not distilled: the student learns it from true labels only. */
    record NotDistilled() implements TaskSource {
        @Override
        public String type() {
            return "not-distilled";
        }
    }
}
