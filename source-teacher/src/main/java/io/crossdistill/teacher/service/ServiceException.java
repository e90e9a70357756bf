package io.crossdistill.teacher.service;

import io.crossdistill.schemas.Problem;
import java.util.List;

/**
 * What the service layer refuses, in the domain's words: the thing named does not exist
 * ({@link NotFound}), contradicts what is registered ({@link Conflict}), belongs to another team or lies
 * outside a root ({@link Forbidden}), is wrong ({@link Invalid}), or cannot be served now
 * ({@link Unavailable}). Services, backfill jobs and streams throw these and never speak HTTP; the one
 * error mapper at the edge ({@code errors.ProblemMapper}) chooses the status.
 */
public abstract sealed class ServiceException extends RuntimeException
    permits NotFound, Conflict, Forbidden, Invalid, Unavailable {

  private static final long serialVersionUID = 1L;

  private final transient List<Problem> errors;

  ServiceException(String detail, List<Problem> errors, Throwable cause) {
    super(detail, cause);
    this.errors = List.copyOf(errors);
  }

  /** Every problem found, each at the JSON pointer of what caused it; may be empty. */
  public List<Problem> errors() {
    return errors;
  }

  /** The message followed by every problem, for logs and job states that keep one line. */
  public String describe() {
    StringBuilder text = new StringBuilder(getMessage());
    errors.forEach(p -> text.append("; ").append(p.pointer()).append(": ").append(p.message()));
    return text.toString();
  }
}
