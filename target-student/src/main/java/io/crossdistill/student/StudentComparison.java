package io.crossdistill.student;

import io.crossdistill.models.ModelException;
import io.crossdistill.student.internal.compare.ComparisonRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code student compare} as a library call: control, distilled and the chosen variants side by side
 * over seeds and target-data fractions on a directory in the ratings layout, every choice made on the
 * validation split, test scored once; the result is written as {@code metrics.json}, score files per
 * model and {@code report.html} under the output directory (see {@link ComparisonOutputs}).
 */
public final class StudentComparison {

  private final ComparisonRunner runner;
  private final CompareOptions options;

  /** A comparison; {@code log} receives progress lines and {@code studentDone} a call per trained student. */
  public StudentComparison(CompareOptions options, Consumer<String> log, Runnable studentDone) {
    this.options = options;
    this.runner = new ComparisonRunner(options, log, studentDone);
  }

  /** How many students the comparison trains, weight choices included. */
  public long studentCount() {
    return runner.studentCount();
  }

  /**
   * Runs the comparison and writes its outputs.
   *
   * @return the result and the files written
   * @throws UncheckedIOException when an output cannot be written
   */
  public Outcome run() throws ModelException {
    ComparisonResult result = runner.run();
    try {
      return new Outcome(result, ComparisonOutputs.write(result, options.out()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the comparison's outputs to " + options.out(), e);
    }
  }

  /**
   * A finished comparison.
   *
   * @param result runs, comparisons and notes
   * @param files the files written
   */
  public record Outcome(ComparisonResult result, List<Path> files) {
    /** Copies the list. */
    public Outcome {
      files = List.copyOf(files);
    }
  }
}
