package io.crossdistill.aligner;

import io.crossdistill.schemas.Problem;
import io.crossdistill.schemas.TaskKind;
import io.crossdistill.v1.AlignedLabel;
import io.crossdistill.v1.LabelSpace;
import io.crossdistill.v1.Provenance;
import io.crossdistill.v1.TaskLabel;
import io.crossdistill.v1.TeacherSignature;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TaskAlignerTest {

    private static final TeacherSignature VIDEO = Fixtures.videoTeacher();

    @Test
    void compile_homepage_hasOneColumnPerDistilledTaskWithItsSettings() {
        CompiledAlignment aligned = TaskAligner.compile(Fixtures.homepageFixed(), VIDEO);

        assertThat(aligned.tasks()).extracting(AlignedTask::name)
                .containsExactly("click", "like", "listen_time", "continue_watching");
        assertThat(aligned.width()).isEqualTo(4);
        AlignedTask click = aligned.tasks().get(0);
        assertThat(click.space()).isEqualTo(LabelSpace.LOGIT);
        assertThat(click.loss()).isEqualTo(DistillationLoss.SOFT_CROSS_ENTROPY);
        assertThat(click.temperature()).isEqualTo(2.0);
        AlignedTask listen = aligned.tasks().get(2);
        assertThat(listen.space()).isEqualTo(LabelSpace.VALUE);
        assertThat(listen.weight()).isEqualTo(0.3);
        AlignedTask auxiliary = aligned.tasks().get(3);
        assertThat(auxiliary.serving()).isFalse();
        assertThat(auxiliary.column()).isEqualTo(3);
    }

    @Test
    void apply_homepage_computesEveryTransformRowByRow() {
        CompiledAlignment aligned = TaskAligner.compile(Fixtures.homepageFixed(), VIDEO);
        float[] teacher = {
            0.5f, 2f, -1f, 10f,
            -1.5f, -4f, 3f, 0f,
        };
        float[] out = new float[2 * aligned.width()];
        aligned.apply(teacher, 2, out);

        assertThat(out).containsExactly(
                0.5f, 1f, 6f, -1f,
                -1.5f, -2f, 1f, 3f);
    }

    @Test
    void apply_amazonMix_givesDislikeAsMinusLike() {
        CompiledAlignment aligned = TaskAligner.compile(Fixtures.amazon(), Fixtures.amazonTeacher());
        float[] out = aligned.apply(new float[]{1.25f, 4f, 2.5f}, 1);
        assertThat(out[0]).isEqualTo(1.25f);
        assertThat(out[1]).isCloseTo(0.9f * 4f + 0.4f, within(1e-6f));
        assertThat(out[2]).isEqualTo(-2.5f);
    }

    @Test
    void apply_nanTeacherOutput_givesNanLabelOnlyInItsColumn() {
        CompiledAlignment aligned = TaskAligner.compile(Fixtures.homepageFixed(), VIDEO);
        float[] out = aligned.apply(new float[]{Float.NaN, 1f, 1f, 1f}, 1);
        assertThat(out[0]).isNaN();
        assertThat(out[1]).isEqualTo(0.5f);
    }

    @Test
    void apply_arraysTooShort_throwsSayingWhatIsNeeded() {
        CompiledAlignment aligned = TaskAligner.compile(Fixtures.homepageFixed(), VIDEO);
        assertThatThrownBy(() -> aligned.apply(new float[7], 2, new float[8]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need 8");
        assertThatThrownBy(() -> aligned.apply(new float[8], 2, new float[7]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need 8");
    }

    @Test
    void toRecord_carriesEveryColumnWithSpaceServingAndStampedProvenance() {
        CompiledAlignment aligned = TaskAligner.compile(Fixtures.homepageFixed(), VIDEO);
        float[] out = aligned.apply(new float[]{0.5f, 2f, -1f, 10f, -1.5f, -4f, 3f, 0f}, 2);
        Provenance base = Provenance.newBuilder().setMappingName("music-to-video").setMappingVersion(3).setSeed(42).build();

        AlignedLabel record = aligned.toRecord("ex-2", out, 1, base);

        assertThat(record.getExampleId()).isEqualTo("ex-2");
        assertThat(record.getLabels()).containsExactly(
                new TaskLabel("click", -1.5f, LabelSpace.LOGIT, true),
                new TaskLabel("like", -2f, LabelSpace.LOGIT, true),
                new TaskLabel("listen_time", 1f, LabelSpace.VALUE, true),
                new TaskLabel("continue_watching", 3f, LabelSpace.LOGIT, false));
        Provenance provenance = record.getProvenance();
        assertThat(provenance.getAlignmentName()).isEqualTo("music-homepage");
        assertThat(provenance.getAlignmentVersion()).isEqualTo(1);
        assertThat(provenance.getTeacherId()).isEqualTo("video-teacher");
        assertThat(provenance.getTeacherHash()).isEqualTo("abc123");
        assertThat(provenance.getMappingVersion()).isEqualTo(3);
        assertThat(provenance.getSeed()).isEqualTo(42);
        assertThat(aligned.toRecord("ex-1", out, 0, base).getProvenance()).isSameAs(provenance);
    }

    @Test
    void compile_unfittedCalibration_isRejectedWithEveryUnfittedTask() {
        assertThatThrownBy(() -> TaskAligner.compile(Fixtures.homepageToFit(), VIDEO))
                .isInstanceOfSatisfying(AlignmentException.class, e -> assertThat(e.problems())
                        .extracting(Problem::pointer)
                        .containsExactly("/tasks/0/source/transform", "/tasks/1/source/transform", "/tasks/2/source/transform"));
    }

    /** A labelled sample where the teacher ranks well but is miscalibrated: true logit = 0.5 · teacher logit − 1. */
    private static Sample sample(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] teacher = new float[rows * 4];
        float[] click = new float[rows];
        float[] like = new float[rows];
        float[] listen = new float[rows];
        for (int r = 0; r < rows; r++) {
            float clickLogit = (float) random.nextDouble(-6, 6);
            float likeLogit = (float) random.nextDouble(-6, 6);
            float watch = (float) random.nextDouble(0, 600);
            teacher[r * 4] = clickLogit;
            teacher[r * 4 + 1] = likeLogit;
            teacher[r * 4 + 2] = (float) random.nextDouble(-3, 3);
            teacher[r * 4 + 3] = watch;
            click[r] = random.nextDouble() < sigmoid(0.5 * clickLogit - 1) ? 1 : 0;
            like[r] = random.nextDouble() < sigmoid(likeLogit / 3) ? 1 : 0;
            listen[r] = (float) (0.01 * watch + 2 + random.nextDouble(-0.5, 0.5));
        }
        Map<String, float[]> labels = new HashMap<>();
        labels.put("click", click);
        labels.put("like", like);
        labels.put("listen_time", listen);
        return new Sample(teacher, rows, labels);
    }

    private record Sample(float[] teacher, int rows, Map<String, float[]> labels) {
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void fit_homepageSample_returnsNextVersionWithLearnedParametersAndReport() {
        TaskAlignmentSpec spec = Fixtures.homepageToFit();
        Sample sample = sample(4_000, 1);

        FittedAlignment fitted = TaskAligner.fit(spec, VIDEO, sample.teacher(), sample.rows(), sample.labels());

        assertThat(fitted.spec().version()).isEqualTo(2);
        assertThat(spec.version()).isEqualTo(1);
        Transform.Platt platt = (Transform.Platt) ((TaskSource.FromHead) fitted.spec().tasks().get(0).source()).transform();
        assertThat(platt.a().getAsDouble()).isCloseTo(0.5, within(0.06));
        assertThat(platt.b().getAsDouble()).isCloseTo(-1.0, within(0.15));
        Transform.LinearFit linear = (Transform.LinearFit) ((TaskSource.FromHead) fitted.spec().tasks().get(2).source()).transform();
        assertThat(linear.slope().getAsDouble()).isCloseTo(0.01, within(5e-4));

        FitReport report = fitted.report();
        assertThat(report.fromVersion()).isEqualTo(1);
        assertThat(report.toVersion()).isEqualTo(2);
        assertThat(report.sampleSize()).isEqualTo(4_000);
        assertThat(report.tasks()).extracting(FitReport.TaskFit::task).containsExactly("click", "like", "listen_time");
        FitReport.TaskFit click = report.tasks().get(0);
        assertThat(click.aucAfter().getAsDouble()).isCloseTo(click.aucBefore().getAsDouble(), within(1e-9));
        assertThat(click.eceAfter().getAsDouble()).isLessThan(0.03).isLessThan(click.eceBefore().getAsDouble());
        FitReport.TaskFit like = report.tasks().get(1);
        assertThat(like.eceAfter().getAsDouble()).isLessThan(like.eceBefore().getAsDouble());
        FitReport.TaskFit listen = report.tasks().get(2);
        assertThat(listen.r2After().getAsDouble()).isGreaterThan(0.9).isGreaterThan(listen.r2Before().getAsDouble());

        CompiledAlignment compiled = TaskAligner.compile(fitted.spec(), VIDEO);
        assertThat(compiled.version()).isEqualTo(2);
    }

    @Test
    void fit_calibrationCurves_areTheBinsTheEceIsComputedFrom_emptyBinsLeftOut() {
        Sample sample = sample(4_000, 3);

        FitReport report = TaskAligner.fit(Fixtures.homepageToFit(), VIDEO, sample.teacher(), sample.rows(),
                sample.labels()).report();

        for (FitReport.TaskFit fit : report.tasks()) {
            if (fit.kind() == TaskKind.REGRESSION) {
                assertThat(fit.calibrationBefore()).as(fit.task()).isEmpty();
                assertThat(fit.calibrationAfter()).as(fit.task()).isEmpty();
                continue;
            }
            checkCurve(fit.task() + " before", fit.calibrationBefore(), fit.eceBefore().getAsDouble(), fit.sampleSize());
            checkCurve(fit.task() + " after", fit.calibrationAfter(), fit.eceAfter().getAsDouble(), fit.sampleSize());
        }
        FitReport.TaskFit click = report.tasks().get(0);
        assertThat(click.calibrationAfter().stream().mapToDouble(b -> b.count() * Math.abs(b.meanPredicted() - b.observedRate()))
                .sum() / click.sampleSize()).isLessThan(0.03);
    }

    /** Non-empty bins of width 0.1 in order, holding every labelled row, from which the ECE is recomputed. */
    private static void checkCurve(String what, List<io.crossdistill.schemas.metrics.CalibrationBins.Bin> curve,
            double ece, int rows) {
        assertThat(curve).as(what).isNotEmpty();
        assertThat(curve.stream().mapToInt(b -> b.count()).sum()).as(what + ": rows in the bins").isEqualTo(rows);
        double recomputed = 0;
        double previousUpper = 0;
        for (var bin : curve) {
            assertThat(bin.count()).as(what).isPositive();
            assertThat(bin.upper() - bin.lower()).as(what).isCloseTo(0.1, within(1e-12));
            assertThat(bin.lower()).as(what + ": bins in order").isGreaterThanOrEqualTo(previousUpper - 1e-12);
            assertThat(bin.meanPredicted()).as(what).isBetween(bin.lower(), bin.upper());
            assertThat(bin.observedRate()).as(what).isBetween(0.0, 1.0);
            recomputed += (double) bin.count() / rows * Math.abs(bin.meanPredicted() - bin.observedRate());
            previousUpper = bin.upper();
        }
        assertThat(recomputed).as(what + ": ECE from the bins").isCloseTo(ece, within(1e-9));
    }

    @Test
    void fit_badSample_listsTooSmallSingleClassNanAndMissingLabelsAtOnce() {
        Sample sample = sample(100, 2);
        Map<String, float[]> labels = new HashMap<>(sample.labels());
        labels.put("click", new float[100]);                // single-class
        float[] like = sample.labels().get("like").clone();
        like[17] = Float.NaN;
        labels.put("like", like);                           // NaN
        labels.remove("listen_time");                       // missing

        assertThatThrownBy(() -> TaskAligner.fit(Fixtures.homepageToFit(), VIDEO, sample.teacher(), 100, labels))
                .isInstanceOfSatisfying(AlignmentException.class, e -> {
                    assertThat(e.problems()).extracting(Problem::pointer)
                            .containsExactly("/labels/click", "/labels/like", "/labels/listen_time");
                    assertThat(e.problems().get(0).message()).contains("single-class");
                    assertThat(e.problems().get(1).message()).contains("NaN").contains("row 17");
                    assertThat(e.problems().get(2).message()).contains("no true labels");
                });
        assertThatThrownBy(() -> TaskAligner.fit(Fixtures.homepageToFit(), VIDEO, sample.teacher(), 10, sample.labels()))
                .isInstanceOfSatisfying(AlignmentException.class, e -> assertThat(e.problems())
                        .extracting(Problem::pointer).containsExactly("/rows"));
    }

    @Test
    void fit_nanTeacherOutputOrNothingToFit_isRejected() {
        Sample sample = sample(100, 3);
        float[] teacher = sample.teacher().clone();
        teacher[5 * 4] = Float.NaN;
        assertThatThrownBy(() -> TaskAligner.fit(Fixtures.homepageToFit(), VIDEO, teacher, 100, sample.labels()))
                .isInstanceOfSatisfying(AlignmentException.class, e -> assertThat(e.problems())
                        .containsExactly(new Problem("/teacherOutputs/click",
                                "1 outputs of head 'click' are NaN or infinite (first at row 5)")));
        assertThatThrownBy(() -> TaskAligner.fit(Fixtures.homepageFixed(), VIDEO, sample.teacher(), 100, sample.labels()))
                .isInstanceOfSatisfying(AlignmentException.class, e -> assertThat(e.problems())
                        .extracting(Problem::pointer).contains("/tasks"));
    }

    @Test
    void fit_invalidSpec_isRejectedBeforeLookingAtTheSample() {
        TaskAlignmentSpec bad = Fixtures.homepageToFit().withTasks(List.of(
                TargetTask.of("click", TaskKind.BINARY, true, Fixtures.head("clicks", Transform.Platt.unfitted()))));
        assertThatThrownBy(() -> TaskAligner.fit(bad, VIDEO, new float[0], 0, Map.of()))
                .isInstanceOfSatisfying(AlignmentException.class, e -> assertThat(e.problems())
                        .extracting(Problem::pointer).containsExactly("/tasks/0/source/head"));
    }
}
