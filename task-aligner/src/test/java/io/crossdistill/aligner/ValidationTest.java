package io.crossdistill.aligner;

import io.crossdistill.schemas.Problem;
import io.crossdistill.schemas.TaskKind;
import io.crossdistill.schemas.ValidationResult;
import io.crossdistill.v1.TeacherSignature;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ValidationTest {

    private static final TeacherSignature VIDEO = Fixtures.videoTeacher();

    @Test
    void validate_demoSetUps_haveNoErrors() {
        assertThat(TaskAligner.validate(Fixtures.homepageFixed(), VIDEO).errors()).isEmpty();
        assertThat(TaskAligner.validate(Fixtures.homepageToFit(), VIDEO).errors()).isEmpty();
        assertThat(TaskAligner.validate(Fixtures.amazon(), Fixtures.amazonTeacher()).errors()).isEmpty();
    }

    @Test
    void validate_unfittedCalibrations_areWarningsBeforeFitAndErrorsBeforeApply() {
        ValidationResult registered = TaskAligner.validate(Fixtures.homepageToFit(), VIDEO);
        assertThat(registered.warnings()).extracting(Problem::pointer).hasSize(3);
        assertThat(TaskAligner.validateForApply(Fixtures.homepageToFit(), VIDEO).errors()).hasSize(3);
    }

    @Test
    void validate_manyMistakes_listsEveryErrorWithItsPointer() {
        TaskAlignmentSpec spec = new TaskAlignmentSpec("", 0, "", List.of(
                TargetTask.of("click", TaskKind.BINARY, true, Fixtures.head("clicks")),
                TargetTask.of("click", TaskKind.REGRESSION, true, Fixtures.head("like")),
                TargetTask.of("listen", TaskKind.REGRESSION, true, Fixtures.head("watch_time"))
                        .withDistillation(new DistillationSettings(-1, DistillationLoss.SOFT_CROSS_ENTROPY, Double.NaN)),
                TargetTask.of("cw", TaskKind.BINARY, true, new TaskSource.AuxiliaryOnly("continue_watching")),
                TargetTask.of("mix", TaskKind.BINARY, true, new TaskSource.Mix(List.of(
                        new TaskSource.WeightedHead("watch_time", Double.POSITIVE_INFINITY)), Double.NaN)),
                TargetTask.of("hot", TaskKind.BINARY, true, Fixtures.head("click", new Transform.Temperature(0))),
                TargetTask.of("p", TaskKind.REGRESSION, true, Fixtures.head("watch_time", Transform.Platt.fitted(1, Double.NaN))),
                TargetTask.of("iso", TaskKind.BINARY, true, Fixtures.head("like",
                        new Transform.Isotonic(List.of(0.0, 0.0, 1.0), List.of(0.2, 0.1, 1.5))))));

        ValidationResult result = TaskAligner.validate(spec, VIDEO);

        assertThat(result.errors()).extracting(Problem::pointer).containsExactly(
                "/name",
                "/version",
                "/tasks/0/source/head",
                "/tasks/1/name",
                "/tasks/1/source/head",
                "/tasks/2/distillation/weight",
                "/tasks/2/distillation/temperature",
                "/tasks/2/distillation/loss",
                "/tasks/3/serving",
                "/tasks/4/source/heads/0/head",
                "/tasks/4/source/heads/0/weight",
                "/tasks/4/source/bias",
                "/tasks/5/source/transform/t",
                "/tasks/6/source/transform",
                "/tasks/6/source/transform/b",
                "/tasks/7/source/transform/x/1",
                "/tasks/7/source/transform/y/1",
                "/tasks/7/source/transform/y/2");
        assertThat(result.errors().get(2).message()).contains("no head 'clicks'");
        assertThat(result.errors().get(3).message()).contains("named twice");
        assertThat(result.errors().get(4).message()).contains("kind mismatch");
    }

    @Test
    void validate_fittedTransformsMapAnyHeadKind_butFixedOnesKeepIt() {
        TaskAlignmentSpec spec = new TaskAlignmentSpec("a", 1, "", List.of(
                TargetTask.of("long_watch", TaskKind.BINARY, true, Fixtures.head("watch_time", Transform.Platt.unfitted())),
                TargetTask.of("click_rate", TaskKind.REGRESSION, true, Fixtures.head("click", Transform.LinearFit.unfitted())),
                TargetTask.of("bad", TaskKind.BINARY, true, Fixtures.head("watch_time", new Transform.Affine(1, 0))),
                TargetTask.of("worse", TaskKind.BINARY, true, Fixtures.head("click", Transform.LinearFit.unfitted()))));
        assertThat(TaskAligner.validate(spec, VIDEO).errors()).extracting(Problem::pointer)
                .containsExactly("/tasks/2/source/head", "/tasks/3/source/transform");
    }

    @Test
    void validate_radioContinueWatchingAsAuxiliary_isValidAndServingAuxiliaryIsNot() {
        TargetTask auxiliary = TargetTask.of("continue_watching", TaskKind.BINARY, false,
                new TaskSource.AuxiliaryOnly("continue_watching"));
        TaskAlignmentSpec ok = new TaskAlignmentSpec("radio", 1, "", List.of(auxiliary));
        assertThat(TaskAligner.validate(ok, VIDEO).isValid()).isTrue();
        TaskAlignmentSpec serving = ok.withTasks(List.of(new TargetTask("continue_watching", TaskKind.BINARY, true,
                auxiliary.source(), DistillationSettings.DEFAULT)));
        assertThat(TaskAligner.validate(serving, VIDEO).errors()).extracting(Problem::pointer).containsExactly("/tasks/0/serving");
    }
}
