package io.crossdistill.aligner.internal;

import io.crossdistill.aligner.DistillationLoss;
import io.crossdistill.aligner.DistillationSettings;
import io.crossdistill.aligner.TargetTask;
import io.crossdistill.aligner.TaskAlignmentSpec;
import io.crossdistill.aligner.TaskSource;
import io.crossdistill.aligner.Transform;
import io.crossdistill.schemas.TaskKind;
import io.crossdistill.v1.AlignmentAffine;
import io.crossdistill.v1.AlignmentAuxiliaryOnly;
import io.crossdistill.v1.AlignmentDistillation;
import io.crossdistill.v1.AlignmentHeadSource;
import io.crossdistill.v1.AlignmentIdentity;
import io.crossdistill.v1.AlignmentIsotonic;
import io.crossdistill.v1.AlignmentLinearFit;
import io.crossdistill.v1.AlignmentLoss;
import io.crossdistill.v1.AlignmentMixSource;
import io.crossdistill.v1.AlignmentNotDistilled;
import io.crossdistill.v1.AlignmentPlatt;
import io.crossdistill.v1.AlignmentTask;
import io.crossdistill.v1.AlignmentTaskKind;
import io.crossdistill.v1.AlignmentTemperature;
import io.crossdistill.v1.AlignmentWeightedHead;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/** Converts between the Java model and the generated Avro classes of {@code TaskAlignmentSpec.avsc}. */
public final class AvroSpecConverter {

    private AvroSpecConverter() {
    }

    public static io.crossdistill.v1.TaskAlignmentSpec toAvro(TaskAlignmentSpec spec) {
        List<AlignmentTask> tasks = new ArrayList<>();
        for (TargetTask task : spec.tasks()) {
            DistillationSettings s = task.distillation();
            AlignmentDistillation distillation = task.distilled() || !s.equals(DistillationSettings.DEFAULT)
                    ? new AlignmentDistillation(s.weight(), AlignmentLoss.valueOf(s.loss().name()), s.temperature()) : null;
            tasks.add(new AlignmentTask(task.name(), AlignmentTaskKind.valueOf(task.kind().name()), task.serving(),
                    source(task.source()), distillation));
        }
        return new io.crossdistill.v1.TaskAlignmentSpec(spec.name(), spec.version(), spec.description(), tasks);
    }

    public static TaskAlignmentSpec fromAvro(io.crossdistill.v1.TaskAlignmentSpec avro) {
        List<TargetTask> tasks = new ArrayList<>();
        for (AlignmentTask task : avro.getTasks()) {
            AlignmentDistillation d = task.getDistillation();
            DistillationSettings settings = d == null ? DistillationSettings.DEFAULT
                    : new DistillationSettings(d.getWeight(), DistillationLoss.valueOf(d.getLoss().name()), d.getTemperature());
            tasks.add(new TargetTask(task.getName(), TaskKind.valueOf(task.getKind().name()), task.getServing(),
                    source(task.getSource()), settings));
        }
        return new TaskAlignmentSpec(avro.getName(), avro.getVersion(), avro.getDescription(), tasks);
    }

    private static Object source(TaskSource source) {
        if (source instanceof TaskSource.FromHead fromHead) {
            return new AlignmentHeadSource(fromHead.head(), transform(fromHead.transform()));
        }
        if (source instanceof TaskSource.Mix mix) {
            List<AlignmentWeightedHead> terms = new ArrayList<>();
            for (TaskSource.WeightedHead term : mix.heads()) {
                terms.add(new AlignmentWeightedHead(term.head(), term.weight()));
            }
            return new AlignmentMixSource(terms, mix.bias());
        }
        if (source instanceof TaskSource.AuxiliaryOnly auxiliary) {
            return new AlignmentAuxiliaryOnly(auxiliary.head());
        }
        return new AlignmentNotDistilled();
    }

    private static TaskSource source(Object avro) {
        if (avro instanceof AlignmentHeadSource head) {
            return new TaskSource.FromHead(head.getHead(), transform(head.getTransform()));
        }
        if (avro instanceof AlignmentMixSource mix) {
            List<TaskSource.WeightedHead> terms = new ArrayList<>();
            for (AlignmentWeightedHead term : mix.getHeads()) {
                terms.add(new TaskSource.WeightedHead(term.getHead(), term.getWeight()));
            }
            return new TaskSource.Mix(terms, mix.getBias());
        }
        if (avro instanceof AlignmentAuxiliaryOnly auxiliary) {
            return new TaskSource.AuxiliaryOnly(auxiliary.getHead());
        }
        if (avro instanceof AlignmentNotDistilled) {
            return new TaskSource.NotDistilled();
        }
        throw new IllegalArgumentException("unknown alignment source record: " + avro);
    }

    private static Object transform(Transform transform) {
        if (transform instanceof Transform.Temperature temperature) {
            return new AlignmentTemperature(temperature.t());
        }
        if (transform instanceof Transform.Affine affine) {
            return new AlignmentAffine(affine.a(), affine.b());
        }
        if (transform instanceof Transform.Platt platt) {
            return new AlignmentPlatt(boxed(platt.a()), boxed(platt.b()));
        }
        if (transform instanceof Transform.Isotonic isotonic) {
            return new AlignmentIsotonic(new ArrayList<>(isotonic.x()), new ArrayList<>(isotonic.y()));
        }
        if (transform instanceof Transform.LinearFit linear) {
            return new AlignmentLinearFit(boxed(linear.slope()), boxed(linear.intercept()));
        }
        return new AlignmentIdentity();
    }

    private static Transform transform(Object avro) {
        if (avro instanceof AlignmentIdentity) {
            return new Transform.Identity();
        }
        if (avro instanceof AlignmentTemperature temperature) {
            return new Transform.Temperature(temperature.getT());
        }
        if (avro instanceof AlignmentAffine affine) {
            return new Transform.Affine(affine.getA(), affine.getB());
        }
        if (avro instanceof AlignmentPlatt platt) {
            return new Transform.Platt(optional(platt.getA()), optional(platt.getB()));
        }
        if (avro instanceof AlignmentIsotonic isotonic) {
            return new Transform.Isotonic(isotonic.getX(), isotonic.getY());
        }
        if (avro instanceof AlignmentLinearFit linear) {
            return new Transform.LinearFit(optional(linear.getSlope()), optional(linear.getIntercept()));
        }
        throw new IllegalArgumentException("unknown alignment transform record: " + avro);
    }

    private static Double boxed(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }

    private static OptionalDouble optional(Double value) {
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
}
