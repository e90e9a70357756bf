package io.crossdistill.aligner;

import io.crossdistill.schemas.TaskKind;
import io.crossdistill.v1.TeacherSignature;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Property: every transform with a rising parameter keeps the order of the head outputs it aligns. */
class MonotoneTransformTest {

    private static final TeacherSignature VIDEO = Fixtures.videoTeacher();
    private static final int CASES = 2_000;
    private static final int ROWS = 64;

    @Test
    void monotoneTransforms_onRandomParametersAndInputs_keepTheOrderOfHeadOutputs() {
        SplittableRandom random = new SplittableRandom(2025);
        for (int c = 0; c < CASES; c++) {
            Transform transform = randomRisingTransform(random);
            TaskKind kind = transform instanceof Transform.LinearFit ? TaskKind.REGRESSION : TaskKind.BINARY;
            String head = kind == TaskKind.REGRESSION ? "watch_time" : "click";
            TaskAlignmentSpec spec = new TaskAlignmentSpec("m", 1, "", List.of(
                    TargetTask.of("t", kind, true, Fixtures.head(head, transform))));
            CompiledAlignment aligned = TaskAligner.compile(spec, VIDEO);
            int column = kind == TaskKind.REGRESSION ? 3 : 0;

            float[] inputs = new float[ROWS];
            for (int r = 0; r < ROWS; r++) {
                inputs[r] = (float) random.nextDouble(-20, 20);
            }
            Arrays.sort(inputs);
            float[] teacher = new float[ROWS * 4];
            for (int r = 0; r < ROWS; r++) {
                teacher[r * 4 + column] = inputs[r];
            }
            float[] out = aligned.apply(teacher, ROWS);
            for (int r = 1; r < ROWS; r++) {
                assertThat(out[r]).as("case %d, %s, rows %d-%d", c, transform, r - 1, r).isGreaterThanOrEqualTo(out[r - 1]);
            }
        }
    }

    private static Transform randomRisingTransform(SplittableRandom random) {
        switch (random.nextInt(6)) {
            case 0:
                return new Transform.Identity();
            case 1:
                return new Transform.Temperature(random.nextDouble(0.05, 20));
            case 2:
                return new Transform.Affine(random.nextDouble(0.001, 10), random.nextDouble(-10, 10));
            case 3:
                return Transform.Platt.fitted(random.nextDouble(0.001, 10), random.nextDouble(-10, 10));
            case 4:
                return Transform.LinearFit.fitted(random.nextDouble(0.001, 10), random.nextDouble(-10, 10));
            default:
                return randomIsotonic(random);
        }
    }

    private static Transform.Isotonic randomIsotonic(SplittableRandom random) {
        int knots = 1 + random.nextInt(12);
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        double at = random.nextDouble(-15, 0);
        double p = random.nextDouble(0, 0.5);
        for (int k = 0; k < knots; k++) {
            x.add(at);
            y.add(p);
            at += random.nextDouble(0.01, 5);
            p = Math.min(1, p + random.nextDouble(0, 0.2));
        }
        return new Transform.Isotonic(x, y);
    }
}
