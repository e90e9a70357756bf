package io.crossdistill.aligner;

import io.crossdistill.aligner.internal.ColumnKernel;
import io.crossdistill.aligner.internal.KernelCompiler;
import io.crossdistill.aligner.internal.SampleFitter;
import io.crossdistill.aligner.internal.SpecValidator;
import io.crossdistill.aligner.internal.TeacherHeads;
import io.crossdistill.schemas.TaskKind;
import io.crossdistill.schemas.ValidationResult;
import io.crossdistill.v1.LabelSpace;
import io.crossdistill.v1.TeacherSignature;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Entry point of the task aligner: validate a {@link TaskAlignmentSpec} against a teacher's signature,
 * {@linkplain #fit fit} its calibrations on a small labelled target sample, and {@linkplain #compile compile}
 * it into a {@link CompiledAlignment} that turns batches of teacher outputs into aligned labels.
 */
public final class TaskAligner {

    private TaskAligner() {
    }

    /**
     * Validates a spec as registered: fitted transforms without parameters are warnings (fit comes next).
     *
     * @return every error and warning, with JSON pointers
     */
    public static ValidationResult validate(TaskAlignmentSpec spec, TeacherSignature signature) {
        return SpecValidator.validate(spec, signature, false);
    }

    /**
     * Validates a spec about to be applied: fitted transforms without parameters are errors.
     *
     * @return every error and warning, with JSON pointers
     */
    public static ValidationResult validateForApply(TaskAlignmentSpec spec, TeacherSignature signature) {
        return SpecValidator.validate(spec, signature, true);
    }

    /**
     * Learns every fitted transform (Platt, isotonic, linear) of the spec from a labelled target sample, and
     * measures every evaluated task before and after (see {@link FitReport}).
     *
     * @param spec             a valid spec with at least one fitted transform (fitted ones are refitted)
     * @param signature        the teacher's signature
     * @param teacherOutputs   teacher outputs on the sample, row-major {@code rows × heads}, signature order
     * @param rows             sample rows; at least {@value SampleFitter#MIN_ROWS}
     * @param trueLabelsByTask the sample's true labels by target task name, {@code rows} each: 0/1 for binary
     *                         tasks, values for regression tasks; every fitted task needs its labels
     * @return the new version (old version + 1) with the learned parameters, and the fit report
     * @throws AlignmentException listing every problem of the spec or the sample (too small, single-class,
     *                            NaN, missing labels, constant head)
     */
    public static FittedAlignment fit(TaskAlignmentSpec spec, TeacherSignature signature, float[] teacherOutputs,
                                      int rows, Map<String, float[]> trueLabelsByTask) {
        return SampleFitter.fit(spec, signature, teacherOutputs, rows, trueLabelsByTask);
    }

    /**
     * Compiles a spec for {@link CompiledAlignment#apply}. The output has one column per distilled task
     * (head, mix, auxiliary-only) in spec order; not-distilled tasks get no column.
     *
     * @throws AlignmentException listing every error, including fitted transforms not yet fitted
     */
    public static CompiledAlignment compile(TaskAlignmentSpec spec, TeacherSignature signature) {
        validateForApply(spec, signature).orThrow(result -> new AlignmentException(
                "alignment '" + spec.name() + "' v" + spec.version() + " cannot be applied", result.errors()));
        TeacherHeads heads = new TeacherHeads(signature);
        List<AlignedTask> tasks = new ArrayList<>();
        List<ColumnKernel> kernels = new ArrayList<>();
        for (TargetTask task : spec.tasks()) {
            if (!task.distilled()) {
                continue;
            }
            DistillationSettings settings = task.distillation();
            LabelSpace space = task.kind() == TaskKind.BINARY ? LabelSpace.LOGIT : LabelSpace.VALUE;
            tasks.add(new AlignedTask(kernels.size(), task.name(), task.kind(), task.serving(), space,
                    settings.weight(), settings.loss(), settings.temperature(), KernelCompiler.describe(task.source())));
            kernels.add(KernelCompiler.compile(task, heads));
        }
        return new CompiledAlignment(spec.name(), spec.version(), signature.getTeacherId(), signature.getContentHash(),
                heads.count(), tasks, kernels);
    }
}
