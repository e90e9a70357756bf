package io.crossdistill.datasets;

import java.util.List;

/**
 * The exception family of this module: a data set cannot be built because its input (a directory, a
 * file, a configuration) is wrong. It is an {@link IllegalArgumentException}, so the REST edge reports
 * it as a client error. {@link #problems()} lists every problem found, not only the first.
 */
public class DatasetException extends IllegalArgumentException {

  private final List<String> problems;

  /** One problem. */
  public DatasetException(String problem) {
    this(List.of(problem));
  }

  /** Several problems found at once; the message joins them. */
  public DatasetException(List<String> problems) {
    super(String.join("; ", problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a DatasetException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, each a full sentence naming what is wrong. */
  public List<String> problems() {
    return problems;
  }
}
