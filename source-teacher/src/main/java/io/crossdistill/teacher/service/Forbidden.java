package io.crossdistill.teacher.service;

import io.crossdistill.schemas.Problem;
import java.util.List;

/** The caller may not do this: the thing belongs to another team, needs an operator, or lies outside a root. */
public final class Forbidden extends ServiceException {

  private static final long serialVersionUID = 1L;

  public Forbidden(String detail, List<Problem> errors) {
    super(detail, errors, null);
  }

  public Forbidden(String detail) {
    this(detail, List.of());
  }
}
