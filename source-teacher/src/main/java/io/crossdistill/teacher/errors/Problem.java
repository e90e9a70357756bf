package io.crossdistill.teacher.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The body of every error answer, RFC 9457 {@code application/problem+json}, extended with the list of
 * every error (and warning) found, each with its JSON pointer.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<ProblemItem> errors,
    List<ProblemItem> warnings) {

  public static final String MEDIA_TYPE = "application/problem+json";

  public static Problem of(int status, String title, String detail, List<ProblemItem> errors, List<ProblemItem> warnings) {
    return new Problem("about:blank", title, status, detail, errors, warnings);
  }
}
