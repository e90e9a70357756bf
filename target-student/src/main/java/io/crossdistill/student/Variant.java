package io.crossdistill.student;

import java.util.Objects;

/**
 * One way of training a student, as {@code student compare} runs it side by side with the others: what
 * the student learns from the teacher ({@link Distillation}), how strongly, which teacher labels
 * ({@link TeacherSource}) and whether the teacher's representation of each user is one of its inputs.
 *
 * @param name the variant's name in tables, metrics.json and score files, e.g. {@code control}
 * @param distillation none (the control), auxiliary heads, or the serving heads learning a mix
 * @param teacherWeight multiplies each aligned task's distillation weight (the alignment spec's weight)
 * @param source which teacher labels: one teacher, a committee's mean, or adapted to the target labels
 * @param representations whether the teacher's user representation is looked up as a student input
 */
public record Variant(String name, Distillation distillation, double teacherWeight, TeacherSource source,
    boolean representations) {

  /** What the student learns from the teacher. */
  public enum Distillation {
    /** True labels only: the control. */
    NONE,
    /** Auxiliary heads ({@code teacher:<task>}) learn the aligned teacher labels and are never served. */
    AUXILIARY,
    /** The serving head of each distilled task learns a weighted mix of the true and the teacher label. */
    DIRECT
  }

  /** Which teacher labels a distilled student learns. */
  public enum TeacherSource {
    /** The aligned labels of one teacher. */
    SINGLE,
    /** The mean of several teachers' aligned labels (e.g. different seeds or configurations). */
    COMMITTEE,
    /**
     * One teacher's labels through a small transform learned on the student's own training labels (the
     * student adapter against the teacher/student distribution gap).
     */
    ADAPTED
  }

  /** Validates the name and weight. */
  public Variant {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(distillation, "distillation");
    Objects.requireNonNull(source, "source");
    if (!name.matches("[a-z0-9][a-z0-9+-]*")) {
      throw new IllegalArgumentException("variant name '" + name + "' must be lower-case letters, digits, '-' or '+'");
    }
    if (!(teacherWeight >= 0) || Double.isInfinite(teacherWeight)) {
      throw new IllegalArgumentException("variant " + name + ": teacherWeight must be finite and >= 0, got "
          + teacherWeight);
    }
  }

  /** The control: true labels only, no teacher input. */
  public static Variant control() {
    return new Variant("control", Distillation.NONE, 0, TeacherSource.SINGLE, false);
  }

  /** The same variant with another teacher weight. */
  public Variant withTeacherWeight(double weight) {
    return new Variant(name, distillation, weight, source, representations);
  }

  /** Whether the student learns anything from teacher labels. */
  public boolean distills() {
    return distillation != Distillation.NONE;
  }

  /** Whether the variant needs the teacher's representations in its inputs. */
  public boolean needsRepresentations() {
    return representations;
  }
}
