package io.crossdistill.labelling;

import io.crossdistill.schemas.Problem;
import java.util.List;

/**
 * Records sent to be labelled cannot be read at all (Avro binary that does not decode as the target schema:
 * cut short, a length or count that does not fit the bytes, an index outside a union or enum), so nothing of
 * the request can be labelled. Being an {@link IllegalArgumentException}, a service answers it as the
 * caller's bad input (400), with every problem.
 */
public final class MalformedRecordsException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  /**
   * @param summary one line saying what could not be read
   * @param problems where and why (at least one)
   */
  public MalformedRecordsException(String summary, List<Problem> problems) {
    super(summary);
    this.problems = List.copyOf(problems);
  }

  /** Every problem found. */
  public List<Problem> problems() {
    return problems;
  }
}
