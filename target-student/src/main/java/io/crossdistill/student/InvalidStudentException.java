package io.crossdistill.student;

import java.nio.file.Path;
import java.util.List;

/**
 * A saved student that cannot be opened: files missing or damaged, or a signature ({@code student.json})
 * that does not fit the network beside it. It lists every problem found, not just the first, so that
 * one look tells what is wrong with the directory.
 */
public final class InvalidStudentException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient Path dir;
  private final List<String> problems;

  /** An exception for {@code dir} with at least one problem. */
  public InvalidStudentException(Path dir, List<String> problems) {
    super("the student at " + dir + " cannot be used (" + problems.size() + " problem"
        + (problems.size() == 1 ? "" : "s") + "): " + String.join("; ", problems));
    this.dir = dir;
    this.problems = List.copyOf(problems);
  }

  /** The student's directory. */
  public Path dir() {
    return dir;
  }

  /** Every problem, each naming its file or JSON path. */
  public List<String> problems() {
    return problems;
  }
}
