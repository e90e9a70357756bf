package io.crossdistill.aligner;

import io.crossdistill.aligner.internal.ColumnKernel;
import io.crossdistill.v1.AlignedLabel;
import io.crossdistill.v1.Provenance;
import io.crossdistill.v1.TaskLabel;

import java.util.ArrayList;
import java.util.List;

/**
 * A validated, fitted alignment ready to turn batches of teacher outputs into aligned labels. The output has
 * one column per <em>distilled</em> task (head, mix or auxiliary-only source) in spec order; not-distilled
 * tasks have no column. Binary columns hold logits, regression columns values; a NaN teacher output gives a
 * NaN label. Instances are immutable and thread-safe; {@link #apply} allocates nothing.
 */
public final class CompiledAlignment {

    private final String name;
    private final int version;
    private final String teacherId;
    private final String teacherHash;
    private final int headCount;
    private final List<AlignedTask> tasks;
    private final ColumnKernel[] kernels;
    private volatile Stamp lastStamp;

    /** A base provenance and the same provenance stamped with this alignment, cached across records. */
    private record Stamp(Provenance base, Provenance stamped) {
    }

    CompiledAlignment(String name, int version, String teacherId, String teacherHash, int headCount,
                      List<AlignedTask> tasks, List<ColumnKernel> kernels) {
        this.name = name;
        this.version = version;
        this.teacherId = teacherId;
        this.teacherHash = teacherHash;
        this.headCount = headCount;
        this.tasks = List.copyOf(tasks);
        this.kernels = kernels.toArray(new ColumnKernel[0]);
    }

    /** @return the alignment's name */
    public String name() {
        return name;
    }

    /** @return the alignment's version */
    public int version() {
        return version;
    }

    /** @return teacher outputs per input row (the signature's head count) */
    public int teacherHeadCount() {
        return headCount;
    }

    /** @return aligned labels per output row */
    public int width() {
        return kernels.length;
    }

    /** @return one entry per output column, in column order */
    public List<AlignedTask> tasks() {
        return tasks;
    }

    /**
     * Aligns a batch.
     *
     * @param teacherOutputs teacher outputs, row-major: {@code rows × teacherHeadCount()}, in signature head order
     * @param rows           rows to align (the arrays may be longer)
     * @param out            receives {@code rows × width()} labels, row-major
     * @throws IllegalArgumentException if an array is too short
     */
    public void apply(float[] teacherOutputs, int rows, float[] out) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be at least 0, was " + rows);
        }
        if (teacherOutputs.length < (long) rows * headCount) {
            throw new IllegalArgumentException("teacherOutputs holds " + teacherOutputs.length + " floats; "
                    + rows + " rows × " + headCount + " heads need " + (long) rows * headCount);
        }
        int width = kernels.length;
        if (out.length < (long) rows * width) {
            throw new IllegalArgumentException("out holds " + out.length + " floats; " + rows + " rows × "
                    + width + " aligned tasks need " + (long) rows * width);
        }
        for (int c = 0; c < width; c++) {
            kernels[c].apply(teacherOutputs, rows, headCount, out, width, c);
        }
    }

    /** @return a new array with the aligned labels of {@code rows} rows; see {@link #apply(float[], int, float[])} */
    public float[] apply(float[] teacherOutputs, int rows) {
        float[] out = new float[Math.multiplyExact(rows, kernels.length)];
        apply(teacherOutputs, rows, out);
        return out;
    }

    /**
     * @param base provenance of the run (teacher, mapping, hyper-parameters, seed, input data hash)
     * @return {@code base} with this alignment's name and version, and the teacher's id and hash where
     *         {@code base} leaves them empty
     */
    public Provenance stamp(Provenance base) {
        Stamp cached = lastStamp;
        if (cached != null && cached.base() == base) {
            return cached.stamped();
        }
        Provenance.Builder builder = Provenance.newBuilder(base).setAlignmentName(name).setAlignmentVersion(version);
        if (base.getTeacherId().isEmpty()) {
            builder.setTeacherId(teacherId);
        }
        if (base.getTeacherHash().isEmpty()) {
            builder.setTeacherHash(teacherHash);
        }
        Provenance stamped = builder.build();
        lastStamp = new Stamp(base, stamped);
        return stamped;
    }

    /**
     * Builds the label record of one row of {@link #apply}'s output, for label files and topics.
     *
     * @param exampleId the example's id
     * @param out       output of {@link #apply}
     * @param row       the row within {@code out}
     * @param base      provenance of the run; see {@link #stamp}
     * @return one {@link TaskLabel} per output column, with its space and serving flag
     */
    public AlignedLabel toRecord(String exampleId, float[] out, int row, Provenance base) {
        int width = kernels.length;
        if (row < 0 || (long) (row + 1) * width > out.length) {
            throw new IllegalArgumentException("row " + row + " is outside out (" + out.length + " floats, width " + width + ")");
        }
        List<TaskLabel> labels = new ArrayList<>(width);
        for (AlignedTask task : tasks) {
            labels.add(new TaskLabel(task.name(), out[row * width + task.column()], task.space(), task.serving()));
        }
        return new AlignedLabel(exampleId, labels, stamp(base));
    }
}
