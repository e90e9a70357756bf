package io.crossdistill.teacher.errors;

import java.util.List;

/**
 * A request the service refuses, with the HTTP status to answer and every problem found; the one error
 * mapper ({@code ProblemMapper}) turns it into {@code application/problem+json}.
 */
public class ApiException extends RuntimeException {

  private final int status;
  private final String title;
  private final transient List<ProblemItem> errors;
  private final transient List<ProblemItem> warnings;

  public ApiException(int status, String title, String detail, List<ProblemItem> errors, List<ProblemItem> warnings) {
    super(detail);
    this.status = status;
    this.title = title;
    this.errors = List.copyOf(errors);
    this.warnings = List.copyOf(warnings);
  }

  public ApiException(int status, String title, String detail) {
    this(status, title, detail, List.of(), List.of());
  }

  public static ApiException badRequest(String detail, List<ProblemItem> errors) {
    return new ApiException(400, "Bad Request", detail, errors, List.of());
  }

  public static ApiException notFound(String detail) {
    return new ApiException(404, "Not Found", detail);
  }

  public static ApiException forbidden(String detail) {
    return new ApiException(403, "Forbidden", detail);
  }

  public static ApiException conflict(String detail, List<ProblemItem> errors) {
    return new ApiException(409, "Conflict", detail, errors, List.of());
  }

  public static ApiException unavailable(String detail) {
    return new ApiException(503, "Service Unavailable", detail);
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public List<ProblemItem> errors() {
    return errors;
  }

  public List<ProblemItem> warnings() {
    return warnings;
  }
}
