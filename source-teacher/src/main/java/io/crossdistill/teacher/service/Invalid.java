package io.crossdistill.teacher.service;

import io.crossdistill.schemas.Problem;
import java.util.List;

/**
 * What was sent is wrong: every error found (and every warning) at once, each at the JSON pointer of the
 * offending part of the request.
 */
public final class Invalid extends ServiceException {

  private static final long serialVersionUID = 1L;

  private final transient List<Problem> warnings;

  public Invalid(String detail, List<Problem> errors, List<Problem> warnings) {
    super(detail, errors, null);
    this.warnings = List.copyOf(warnings);
  }

  public Invalid(String detail, List<Problem> errors) {
    this(detail, errors, List.of());
  }

  /** One error at {@code pointer}. */
  public static Invalid at(String pointer, String detail, String message) {
    return new Invalid(detail, List.of(new Problem(pointer, message)));
  }

  public List<Problem> warnings() {
    return warnings;
  }
}
