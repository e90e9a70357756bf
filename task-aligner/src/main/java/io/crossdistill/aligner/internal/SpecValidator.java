package io.crossdistill.aligner.internal;

import io.crossdistill.aligner.DistillationLoss;
import io.crossdistill.aligner.DistillationSettings;
import io.crossdistill.aligner.TargetTask;
import io.crossdistill.aligner.TaskAlignmentSpec;
import io.crossdistill.aligner.TaskSource;
import io.crossdistill.aligner.Transform;
import io.crossdistill.schemas.JsonPointers;
import io.crossdistill.schemas.Problem;
import io.crossdistill.schemas.TaskKind;
import io.crossdistill.schemas.ValidationResult;
import io.crossdistill.v1.TeacherSignature;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Checks a spec against a teacher signature and collects every problem with its JSON pointer. Unfitted
 * transforms are a warning before fitting and an error before compiling.
 */
public final class SpecValidator {

    private final TeacherHeads heads;
    private final boolean requireFitted;
    private final List<Problem> errors = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();

    private SpecValidator(TeacherSignature signature, boolean requireFitted) {
        this.heads = new TeacherHeads(signature);
        this.requireFitted = requireFitted;
    }

    /**
     * @param requireFitted true when the spec is about to be applied (fitted transforms need parameters)
     */
    public static ValidationResult validate(TaskAlignmentSpec spec, TeacherSignature signature, boolean requireFitted) {
        SpecValidator validator = new SpecValidator(signature, requireFitted);
        validator.checkSpec(spec);
        return new ValidationResult(validator.errors, validator.warnings);
    }

    private void error(String pointer, String message) {
        errors.add(new Problem(pointer, message));
    }

    private void warning(String pointer, String message) {
        warnings.add(new Problem(pointer, message));
    }

    private void checkSpec(TaskAlignmentSpec spec) {
        if (spec.name().isBlank()) {
            error("/name", "the alignment needs a name");
        }
        if (spec.version() < 1) {
            error("/version", "version must be 1 or more, was " + spec.version());
        }
        if (spec.tasks().isEmpty()) {
            error("/tasks", "the alignment has no tasks");
        }
        Map<String, Integer> firstIndex = new HashMap<>();
        int distilled = 0;
        for (int i = 0; i < spec.tasks().size(); i++) {
            TargetTask task = spec.tasks().get(i);
            String at = JsonPointers.child("/tasks", i);
            if (task.name().isBlank()) {
                error(at + "/name", "the task needs a name");
            } else {
                Integer first = firstIndex.putIfAbsent(task.name(), i);
                if (first != null) {
                    error(at + "/name", "task '" + task.name() + "' is named twice (first at /tasks/" + first + ")");
                }
            }
            if (task.distilled()) {
                distilled++;
            }
            checkTask(task, at);
        }
        if (!spec.tasks().isEmpty() && distilled == 0) {
            warning("/tasks", "no task is distilled; the alignment produces no labels");
        }
    }

    private void checkTask(TargetTask task, String at) {
        String sourceAt = at + "/source";
        TaskSource source = task.source();
        if (source instanceof TaskSource.FromHead fromHead) {
            checkFromHead(task, fromHead, sourceAt);
        } else if (source instanceof TaskSource.Mix mix) {
            checkMix(task, mix, sourceAt);
        } else if (source instanceof TaskSource.AuxiliaryOnly auxiliary) {
            if (task.serving()) {
                error(at + "/serving", "an auxiliary-only task is learned by a non-serving head; set serving to false");
            }
            checkHead(auxiliary.head(), task.kind(), sourceAt + "/head");
        } else {
            if (!task.serving()) {
                warning(at + "/serving", "a task that is neither distilled nor served has no use");
            }
            if (!task.distillation().equals(DistillationSettings.DEFAULT)) {
                warning(at + "/distillation", "distillation settings of a not-distilled task are ignored");
            }
        }
        checkDistillation(task, at + "/distillation");
    }

    /** Reports an unknown head or one whose kind differs from {@code expected} (when given). */
    private Optional<TeacherHeads.Head> checkHead(String name, TaskKind expected, String pointer) {
        Optional<TeacherHeads.Head> head = heads.find(name);
        if (head.isEmpty()) {
            error(pointer, "the teacher has no head '" + name + "'");
        } else if (expected != null && head.get().kind() != TeacherHeads.headKindFor(expected)) {
            error(pointer, "kind mismatch: head '" + name + "' is " + head.get().kind() + " but the task is "
                    + expected + " (expects a " + TeacherHeads.headKindFor(expected) + " head)");
        }
        return head;
    }

    private void checkFromHead(TargetTask task, TaskSource.FromHead source, String at) {
        Transform transform = source.transform();
        String transformAt = at + "/transform";
        // Fitted transforms may map any head kind onto their task kind; fixed ones keep the head's kind.
        boolean keepsKind = !transform.learnedByFit();
        checkHead(source.head(), keepsKind ? task.kind() : null, at + "/head");
        if (transform instanceof Transform.Temperature temperature) {
            requireBinary(task, transform, transformAt);
            if (!(Double.isFinite(temperature.t()) && temperature.t() > 0)) {
                error(transformAt + "/t", "temperature must be finite and above 0, was " + temperature.t());
            }
        } else if (transform instanceof Transform.Affine affine) {
            finite(affine.a(), transformAt + "/a");
            finite(affine.b(), transformAt + "/b");
            if (affine.a() == 0) {
                warning(transformAt + "/a", "a = 0 makes the label constant");
            }
        } else if (transform instanceof Transform.Platt platt) {
            requireBinary(task, transform, transformAt);
            checkFittedPair(platt.a(), platt.b(), transformAt, "a", "b");
            if (platt.a().isPresent() && platt.a().getAsDouble() <= 0) {
                warning(transformAt + "/a", "a <= 0: the calibrated logit does not rise with the head output");
            }
        } else if (transform instanceof Transform.Isotonic isotonic) {
            checkIsotonic(task, isotonic, transformAt);
        } else if (transform instanceof Transform.LinearFit linear) {
            if (task.kind() != TaskKind.REGRESSION) {
                error(transformAt, "transform 'linear' applies to regression tasks only; use 'platt' for binary tasks");
            }
            checkFittedPair(linear.slope(), linear.intercept(), transformAt, "slope", "intercept");
        }
    }

    private void requireBinary(TargetTask task, Transform transform, String at) {
        if (task.kind() != TaskKind.BINARY) {
            error(at, "transform '" + transform.type() + "' applies to binary tasks only");
        }
    }

    private void finite(double value, String pointer) {
        if (!Double.isFinite(value)) {
            error(pointer, "must be a finite number, was " + value);
        }
    }

    private void checkFittedPair(OptionalDouble first, OptionalDouble second, String at, String firstName, String secondName) {
        if (first.isPresent() != second.isPresent()) {
            error(at, "'" + firstName + "' and '" + secondName + "' are fitted together: give both or neither");
            return;
        }
        if (first.isEmpty()) {
            unfitted(at);
            return;
        }
        finite(first.getAsDouble(), at + "/" + firstName);
        finite(second.getAsDouble(), at + "/" + secondName);
    }

    private void unfitted(String at) {
        String message = "fitted transform has no parameters yet; fit the alignment on a labelled sample";
        if (requireFitted) {
            error(at, message + " before applying it");
        } else {
            warning(at, message);
        }
    }

    private void checkIsotonic(TargetTask task, Transform.Isotonic isotonic, String at) {
        List<Double> x = isotonic.x();
        List<Double> y = isotonic.y();
        if (x.size() != y.size()) {
            error(at, "isotonic knots need as many 'x' as 'y' (" + x.size() + " vs " + y.size() + ")");
            return;
        }
        if (x.isEmpty()) {
            unfitted(at);
            return;
        }
        for (int i = 0; i < x.size(); i++) {
            double xi = x.get(i);
            double yi = y.get(i);
            if (!Double.isFinite(xi)) {
                error(at + "/x/" + i, "must be a finite number, was " + xi);
            } else if (i > 0 && Double.isFinite(x.get(i - 1)) && !(xi > x.get(i - 1))) {
                error(at + "/x/" + i, "knot positions must be strictly increasing");
            }
            if (!Double.isFinite(yi)) {
                error(at + "/y/" + i, "must be a finite number, was " + yi);
            } else {
                if (i > 0 && Double.isFinite(y.get(i - 1)) && yi < y.get(i - 1)) {
                    error(at + "/y/" + i, "knot values must be non-decreasing");
                }
                if (task.kind() == TaskKind.BINARY && (yi < 0 || yi > 1)) {
                    error(at + "/y/" + i, "knot values of a binary task are probabilities in [0, 1], was " + yi);
                }
            }
        }
    }

    private void checkMix(TargetTask task, TaskSource.Mix mix, String at) {
        if (mix.heads().isEmpty()) {
            error(at + "/heads", "a mix needs at least one head");
        }
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < mix.heads().size(); j++) {
            TaskSource.WeightedHead term = mix.heads().get(j);
            String termAt = JsonPointers.child(at + "/heads", j);
            checkHead(term.head(), task.kind(), termAt + "/head");
            finite(term.weight(), termAt + "/weight");
            if (!seen.add(term.head())) {
                warning(termAt + "/head", "head '" + term.head() + "' appears twice in the mix; its weights add up");
            }
        }
        finite(mix.bias(), at + "/bias");
    }

    private void checkDistillation(TargetTask task, String at) {
        DistillationSettings settings = task.distillation();
        if (!(Double.isFinite(settings.weight()) && settings.weight() >= 0)) {
            error(at + "/weight", "distillation weight must be finite and at least 0, was " + settings.weight());
        } else if (settings.weight() == 0) {
            warning(at + "/weight", "weight 0: the student ignores this task's teacher label");
        }
        if (!(Double.isFinite(settings.temperature()) && settings.temperature() > 0)) {
            error(at + "/temperature", "distillation temperature must be finite and above 0, was " + settings.temperature());
        }
        if (settings.loss() == DistillationLoss.SOFT_CROSS_ENTROPY && task.kind() == TaskKind.REGRESSION) {
            error(at + "/loss", "soft cross-entropy needs a binary task; regression tasks use logit-mse (squared error on values)");
        }
    }
}
