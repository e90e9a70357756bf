package io.crossdistill.models;

import java.util.List;

/**
 * A teacher signature and a model file do not fit together (input count, dtypes, widths, head count),
 * or the signature asks for something an imported model cannot take. Carries every problem found, each
 * starting with the JSON path of the signature field or the name of the model's input or output it is
 * about; an invalid argument, so the REST edge answers 400.
 */
public final class SignatureMismatchException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  /** A mismatch between {@code what} (the model, named for the message) and its signature. */
  public SignatureMismatchException(String what, List<String> problems) {
    super(what + " does not fit its signature (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
        + "):\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in the order found. */
  public List<String> problems() {
    return problems;
  }
}
