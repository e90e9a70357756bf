package io.crossdistill.teacher.errors;

import io.crossdistill.schemas.Problem;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The body of every error answer, RFC 9457 {@code application/problem+json}, extended with the list of
 * every error (and warning) found, each with its JSON pointer.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ProblemDetails(String type, String title, int status, String detail, List<Problem> errors,
    List<Problem> warnings) {

  public static final String MEDIA_TYPE = "application/problem+json";

  public static ProblemDetails of(int status, String title, String detail, List<Problem> errors, List<Problem> warnings) {
    return new ProblemDetails("about:blank", title, status, detail, errors, warnings);
  }

  /** The reason phrase of an HTTP status, {@code HTTP 4xx} for one without a standard phrase. */
  public static String title(int status) {
    return switch (status) {
      case 413 -> "Content Too Large";
      case 414 -> "URI Too Long";
      case 422 -> "Unprocessable Content";
      case 431 -> "Request Header Fields Too Large";
      default -> {
        Response.Status known = Response.Status.fromStatusCode(status);
        yield known == null ? "HTTP " + status : known.getReasonPhrase();
      }
    };
  }
}
