package io.crossdistill.benchmarks;

import io.crossdistill.aligner.CompiledAlignment;
import io.crossdistill.aligner.DistillationLoss;
import io.crossdistill.aligner.DistillationSettings;
import io.crossdistill.aligner.TargetTask;
import io.crossdistill.aligner.TaskAligner;
import io.crossdistill.aligner.TaskAlignmentSpec;
import io.crossdistill.aligner.TaskSource;
import io.crossdistill.aligner.Transform;
import io.crossdistill.schemas.TaskKind;
import io.crossdistill.v1.HeadKind;
import io.crossdistill.v1.TeacherHead;
import io.crossdistill.v1.TeacherSignature;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Throughput of {@link CompiledAlignment#apply}: one operation is one aligned task-label, so the score reads
 * directly as task-labels per second (goal: 10 million per second on one core). Each invocation aligns a
 * batch of {@value #ROWS} rows × {@value #COLUMNS} distilled tasks from a 4-head teacher.
 *
 * <ul>
 *   <li>{@code homepage}: identity, temperature, Platt, linear fit and an auxiliary-only head (all affine kernels)</li>
 *   <li>{@code mixed}: as homepage, but two columns are isotonic maps with 64 knots and one is a 3-head mix</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TaskAlignerBenchmark {

    static final int ROWS = 4096;
    static final int COLUMNS = 5;

    @Param({"homepage", "mixed"})
    public String alignment;

    private CompiledAlignment compiled;
    private float[] teacherOutputs;
    private float[] out;

    @Setup
    public void setUp() {
        TeacherSignature signature = TeacherSignature.newBuilder().setTeacherId("video-teacher").setInputs(List.of())
                .setHeads(List.of(new TeacherHead("click", HeadKind.BINARY_LOGIT), new TeacherHead("like", HeadKind.BINARY_LOGIT),
                        new TeacherHead("continue_watching", HeadKind.BINARY_LOGIT), new TeacherHead("watch_time", HeadKind.REGRESSION)))
                .build();
        compiled = TaskAligner.compile(spec(alignment), signature);
        if (compiled.width() != COLUMNS) {
            throw new IllegalStateException("benchmark spec has " + compiled.width() + " columns");
        }
        SplittableRandom random = new SplittableRandom(1);
        teacherOutputs = new float[ROWS * compiled.teacherHeadCount()];
        for (int i = 0; i < teacherOutputs.length; i++) {
            teacherOutputs[i] = (float) random.nextDouble(-6, 6);
        }
        out = new float[ROWS * COLUMNS];
    }

    private static TaskAlignmentSpec spec(String which) {
        TargetTask click = TargetTask.of("click", TaskKind.BINARY, true,
                new TaskSource.FromHead("click", Transform.Platt.fitted(0.52, -1.1)))
                .withDistillation(new DistillationSettings(1, DistillationLoss.SOFT_CROSS_ENTROPY, 2));
        TargetTask like = TargetTask.of("like", TaskKind.BINARY, true, new TaskSource.FromHead("like", new Transform.Temperature(2)));
        TargetTask listen = TargetTask.of("listen_time", TaskKind.REGRESSION, true,
                new TaskSource.FromHead("watch_time", Transform.LinearFit.fitted(0.01, 2)));
        TargetTask auxiliary = TargetTask.of("continue_watching", TaskKind.BINARY, false,
                new TaskSource.AuxiliaryOnly("continue_watching"));
        TargetTask raw = TargetTask.of("click_raw", TaskKind.BINARY, true, new TaskSource.FromHead("click", new Transform.Identity()));
        TargetTask discovery = TargetTask.of("discovery", TaskKind.BINARY, true, new TaskSource.NotDistilled());
        if (which.equals("homepage")) {
            return new TaskAlignmentSpec("bench-homepage", 1, "", List.of(click, like, listen, discovery, auxiliary, raw));
        }
        TargetTask isoClick = click.withSource(new TaskSource.FromHead("click", isotonic(64)));
        TargetTask isoLike = like.withSource(new TaskSource.FromHead("like", isotonic(64)));
        TargetTask mix = TargetTask.of("engaged", TaskKind.BINARY, true, new TaskSource.Mix(List.of(
                new TaskSource.WeightedHead("click", 0.5), new TaskSource.WeightedHead("like", 0.3),
                new TaskSource.WeightedHead("continue_watching", 0.2)), -0.1));
        return new TaskAlignmentSpec("bench-mixed", 1, "", List.of(isoClick, isoLike, listen, discovery, auxiliary, mix));
    }

    private static Transform.Isotonic isotonic(int knots) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int k = 0; k < knots; k++) {
            x.add(-6 + 12.0 * k / (knots - 1));
            y.add(0.02 + 0.96 * k / (knots - 1));
        }
        return new Transform.Isotonic(x, y);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS * COLUMNS)
    public void apply(Blackhole blackhole) {
        compiled.apply(teacherOutputs, ROWS, out);
        blackhole.consume(out);
    }
}
