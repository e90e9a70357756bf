package io.crossdistill.teacher.service;

import io.crossdistill.schemas.Problem;
import java.util.List;

/**
 * The request is well formed but contradicts what is registered or running: a schema version that is
 * not backward compatible, a mapping not valid for the serving teacher, a job that has ended.
 */
public final class Conflict extends ServiceException {

  private static final long serialVersionUID = 1L;

  public Conflict(String detail, List<Problem> errors) {
    super(detail, errors, null);
  }

  public Conflict(String detail) {
    this(detail, List.of());
  }
}
