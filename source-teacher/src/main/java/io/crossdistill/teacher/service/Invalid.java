package io.crossdistill.teacher.service;

import io.crossdistill.teacher.errors.ProblemItem;
import java.util.List;

/**
 * What was sent is wrong: every error found (and every warning) at once, each at the JSON pointer of the
 * offending part of the request.
 */
public final class Invalid extends ServiceException {

  private static final long serialVersionUID = 1L;

  private final transient List<ProblemItem> warnings;

  public Invalid(String detail, List<ProblemItem> errors, List<ProblemItem> warnings) {
    super(detail, errors, null);
    this.warnings = List.copyOf(warnings);
  }

  public Invalid(String detail, List<ProblemItem> errors) {
    this(detail, errors, List.of());
  }

  /** One error at {@code pointer}. */
  public static Invalid at(String pointer, String detail, String message) {
    return new Invalid(detail, List.of(new ProblemItem(pointer, message)));
  }

  public List<ProblemItem> warnings() {
    return warnings;
  }
}
