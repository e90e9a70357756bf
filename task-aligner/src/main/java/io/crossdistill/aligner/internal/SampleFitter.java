package io.crossdistill.aligner.internal;

import io.crossdistill.aligner.AlignmentException;
import io.crossdistill.aligner.FitReport;
import io.crossdistill.aligner.FittedAlignment;
import io.crossdistill.aligner.TargetTask;
import io.crossdistill.aligner.TaskAlignmentSpec;
import io.crossdistill.aligner.TaskSource;
import io.crossdistill.aligner.Transform;
import io.crossdistill.schemas.JsonPointers;
import io.crossdistill.schemas.Problem;
import io.crossdistill.schemas.TaskKind;
import io.crossdistill.schemas.metrics.CalibrationBins;
import io.crossdistill.schemas.metrics.Metrics;
import io.crossdistill.v1.HeadKind;
import io.crossdistill.v1.TeacherSignature;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Learns the parameters of an alignment's fitted transforms from a small labelled target sample, checks the
 * sample first (every problem at once), and measures each task before and after.
 */
public final class SampleFitter {

    /** Fewest sample rows a fit accepts. */
    public static final int MIN_ROWS = 30;
    /** Fewest rows of each class a binary fit accepts. */
    public static final int MIN_PER_CLASS = 5;

    private final TaskAlignmentSpec spec;
    private final TeacherHeads heads;
    private final float[] outputs;
    private final int rows;
    private final Map<String, float[]> labels;
    private final List<Problem> problems = new ArrayList<>();

    private SampleFitter(TaskAlignmentSpec spec, TeacherSignature signature, float[] outputs, int rows,
                         Map<String, float[]> labels) {
        this.spec = spec;
        this.heads = new TeacherHeads(signature);
        this.outputs = outputs;
        this.rows = rows;
        this.labels = labels;
    }

    /** See {@link io.crossdistill.aligner.TaskAligner#fit}. */
    public static FittedAlignment fit(TaskAlignmentSpec spec, TeacherSignature signature, float[] teacherOutputs,
                                      int rows, Map<String, float[]> trueLabelsByTask) {
        SpecValidator.validate(spec, signature, false).orThrow(result -> new AlignmentException(
                "alignment '" + spec.name() + "' is not valid", result.errors()));
        return new SampleFitter(spec, signature, teacherOutputs, rows, trueLabelsByTask).run();
    }

    private FittedAlignment run() {
        List<Integer> evaluated = checkSample();
        if (!problems.isEmpty()) {
            throw new AlignmentException("cannot fit alignment '" + spec.name() + "' on this sample", problems);
        }
        List<TargetTask> fittedTasks = new ArrayList<>(spec.tasks());
        for (int i : evaluated) {
            TargetTask task = spec.tasks().get(i);
            if (needsFit(task)) {
                TaskSource.FromHead source = (TaskSource.FromHead) task.source();
                Transform learned = learn(source.transform(), widen(column(heads.get(source.head()).index())),
                        widen(labels(task)));
                fittedTasks.set(i, task.withSource(new TaskSource.FromHead(source.head(), learned)));
            }
        }
        TaskAlignmentSpec fitted = spec.withTasks(fittedTasks).withVersion(spec.version() + 1);
        List<FitReport.TaskFit> fits = new ArrayList<>();
        for (int i : evaluated) {
            fits.add(evaluate(spec.tasks().get(i), fitted.tasks().get(i)));
        }
        return new FittedAlignment(fitted, new FitReport(spec.name(), spec.version(), fitted.version(), rows, fits));
    }

    private static boolean needsFit(TargetTask task) {
        return task.source() instanceof TaskSource.FromHead fromHead && fromHead.transform().learnedByFit();
    }

    /** @return the indices of the tasks to fit or evaluate; records every problem of the sample */
    private List<Integer> checkSample() {
        int headCount = heads.count();
        if (rows < MIN_ROWS) {
            problems.add(new Problem("/rows", "sample too small: " + rows + " rows; fitting needs at least " + MIN_ROWS
                    + " labelled target rows (1-5% of the target data is typical)"));
        }
        if (rows > 0 && outputs.length < (long) rows * headCount) {
            problems.add(new Problem("/teacherOutputs", "holds " + outputs.length + " floats; " + rows + " rows × "
                    + headCount + " heads need " + (long) rows * headCount));
            return List.of();
        }
        List<Integer> evaluated = new ArrayList<>();
        Set<String> headsUsed = new LinkedHashSet<>();
        boolean anyFit = false;
        for (int i = 0; i < spec.tasks().size(); i++) {
            TargetTask task = spec.tasks().get(i);
            boolean fit = needsFit(task);
            anyFit |= fit;
            if (!task.distilled() || !(fit || labels.containsKey(task.name()))) {
                continue;
            }
            String at = JsonPointers.child("/labels", task.name());
            float[] taskLabels = labels.get(task.name());
            if (taskLabels == null) {
                problems.add(new Problem(at, "no true labels for task '" + task.name() + "', whose transform '"
                        + ((TaskSource.FromHead) task.source()).transform().type() + "' is fitted"));
                continue;
            }
            if (checkLabels(task, taskLabels, at)) {
                evaluated.add(i);
                headsUsed.addAll(headNames(task.source()));
            }
        }
        if (!anyFit) {
            problems.add(new Problem("/tasks", "nothing to fit: no task uses a fitted transform (platt, isotonic, linear)"));
        }
        if (rows >= MIN_ROWS) {
            for (String name : headsUsed) {
                checkHeadColumn(name, evaluated);
            }
        }
        return evaluated;
    }

    private boolean checkLabels(TargetTask task, float[] taskLabels, String at) {
        if (rows < MIN_ROWS) {
            return false;
        }
        if (taskLabels.length < rows) {
            problems.add(new Problem(at, taskLabels.length + " labels for " + rows + " sample rows"));
            return false;
        }
        int nan = 0;
        int firstNan = -1;
        int positives = 0;
        int notBinary = 0;
        for (int r = 0; r < rows; r++) {
            float y = taskLabels[r];
            if (Float.isNaN(y) || Float.isInfinite(y)) {
                if (nan++ == 0) {
                    firstNan = r;
                }
            } else if (y == 1f) {
                positives++;
            } else if (y != 0f) {
                notBinary++;
            }
        }
        if (nan > 0) {
            problems.add(new Problem(at, nan + " labels are NaN or infinite (first at row " + firstNan
                    + "); drop unlabelled rows from the fitting sample"));
            return false;
        }
        if (task.kind() == TaskKind.BINARY) {
            if (notBinary > 0) {
                problems.add(new Problem(at, notBinary + " labels of binary task '" + task.name() + "' are neither 0 nor 1"));
                return false;
            }
            int negatives = rows - positives;
            if (positives == 0 || negatives == 0) {
                problems.add(new Problem(at, "single-class sample: all " + rows + " labels of '" + task.name() + "' are "
                        + (positives == 0 ? "0" : "1") + "; a binary fit needs both classes"));
                return false;
            }
            if (Math.min(positives, negatives) < MIN_PER_CLASS) {
                problems.add(new Problem(at, "sample too small: " + positives + " positives and " + negatives
                        + " negatives; a binary fit needs at least " + MIN_PER_CLASS + " of each"));
                return false;
            }
        }
        return true;
    }

    private void checkHeadColumn(String name, List<Integer> evaluated) {
        double[] values = widen(column(heads.get(name).index()));
        int nan = 0;
        int firstNan = -1;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < values.length; r++) {
            if (!Double.isFinite(values[r])) {
                if (nan++ == 0) {
                    firstNan = r;
                }
            } else {
                min = Math.min(min, values[r]);
                max = Math.max(max, values[r]);
            }
        }
        String at = JsonPointers.child("/teacherOutputs", name);
        if (nan > 0) {
            problems.add(new Problem(at, nan + " outputs of head '" + name + "' are NaN or infinite (first at row " + firstNan + ")"));
            return;
        }
        boolean fittedFromIt = false;
        for (int i : evaluated) {
            TargetTask task = spec.tasks().get(i);
            fittedFromIt |= needsFit(task) && ((TaskSource.FromHead) task.source()).head().equals(name);
        }
        if (fittedFromIt && min == max) {
            problems.add(new Problem(at, "head '" + name + "' outputs the constant " + min + " on the sample; nothing to fit"));
        }
    }

    private static List<String> headNames(TaskSource source) {
        if (source instanceof TaskSource.FromHead fromHead) {
            return List.of(fromHead.head());
        }
        if (source instanceof TaskSource.AuxiliaryOnly auxiliary) {
            return List.of(auxiliary.head());
        }
        List<String> names = new ArrayList<>();
        for (TaskSource.WeightedHead term : ((TaskSource.Mix) source).heads()) {
            names.add(term.head());
        }
        return names;
    }

    /** One head's outputs on the sample's rows (the outputs may hold more). */
    private float[] column(int head) {
        int headCount = heads.count();
        float[] values = new float[rows];
        for (int r = 0; r < rows; r++) {
            values[r] = outputs[r * headCount + head];
        }
        return values;
    }

    /** A task's true labels on the sample's rows (the array may hold more). */
    private float[] labels(TargetTask task) {
        return Arrays.copyOf(labels.get(task.name()), rows);
    }

    private static double[] widen(float[] values) {
        double[] wide = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            wide[i] = values[i];
        }
        return wide;
    }

    private static Transform learn(Transform transform, double[] x, double[] y) {
        if (transform instanceof Transform.Platt) {
            PlattFitter.Parameters p = PlattFitter.fit(x, y);
            return Transform.Platt.fitted(p.a(), p.b());
        }
        if (transform instanceof Transform.LinearFit) {
            LinearFitter.Parameters p = LinearFitter.fit(x, y);
            return Transform.LinearFit.fitted(p.slope(), p.intercept());
        }
        IsotonicFitter.Knots knots = IsotonicFitter.fit(x, y);
        return new Transform.Isotonic(knots.x(), knots.y());
    }

    private FitReport.TaskFit evaluate(TargetTask before, TargetTask after) {
        float[] y = labels(before);
        float[] aligned = applyOne(after);
        float[] raw = before.source() instanceof TaskSource.FromHead fromHead
                ? column(heads.get(fromHead.head()).index()) : aligned;
        String source = KernelCompiler.describe(after.source());
        boolean fitted = needsFit(before);
        if (before.kind() == TaskKind.REGRESSION) {
            return new FitReport.TaskFit(before.name(), before.kind(), source, fitted, rows, OptionalInt.empty(),
                    OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                    finiteOrEmpty(Metrics.r2(raw, y)), finiteOrEmpty(Metrics.r2(aligned, y)), List.of(), List.of());
        }
        int positives = 0;
        for (float label : y) {
            positives += label > 0.5 ? 1 : 0;
        }
        boolean rawIsLogit = !(before.source() instanceof TaskSource.FromHead fromHead)
                || heads.get(fromHead.head()).kind() == HeadKind.BINARY_LOGIT;
        // the ECE and the calibration curve of each side come from the same bins
        CalibrationBins binsBefore = new CalibrationBins();
        if (rawIsLogit) {
            binsBefore.add(raw, y);
        }
        CalibrationBins binsAfter = new CalibrationBins();
        binsAfter.add(aligned, y);
        OptionalDouble eceBefore = rawIsLogit
                ? OptionalDouble.of(binsBefore.expectedCalibrationError()) : OptionalDouble.empty();
        return new FitReport.TaskFit(before.name(), before.kind(), source, fitted, rows, OptionalInt.of(positives),
                finiteOrEmpty(Metrics.auc(raw, y)), finiteOrEmpty(Metrics.auc(aligned, y)),
                eceBefore, OptionalDouble.of(binsAfter.expectedCalibrationError()),
                OptionalDouble.empty(), OptionalDouble.empty(), binsBefore.bins(), binsAfter.bins());
    }

    private float[] applyOne(TargetTask task) {
        ColumnKernel kernel = KernelCompiler.compile(task, heads);
        float[] out = new float[rows];
        kernel.apply(outputs, rows, heads.count(), out, 1, 0);
        return out;
    }

    private static OptionalDouble finiteOrEmpty(double value) {
        return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
    }
}
