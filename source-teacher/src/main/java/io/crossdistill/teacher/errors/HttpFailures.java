package io.crossdistill.teacher.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The HTTP layer's refusals (no such resource, method not allowed, a media type the API does not speak)
 * as problems that say what was asked and what the API offers instead. Headers the refusal carries
 * ({@code Allow}, {@code WWW-Authenticate}) are kept.
 */
final class HttpFailures {

  private HttpFailures() {
  }

  /** The detail of a 404 for a route nothing serves, from RESTEasy or from the router alike. */
  static String noResource(String method, String path) {
    return "no resource at " + method + " " + path + " (GET /q/openapi lists the API)";
  }

  static Response answer(WebApplicationException e, String method, String path, HttpHeaders headers) {
    Response refused = e.getResponse();
    int status = refused.getStatus();
    String detail = switch (status) {
      case 404 -> noResource(method, path);
      case 405 -> method + " is not allowed on " + path
          + (refused.getHeaderString("Allow") == null ? "" : "; allowed: " + refused.getHeaderString("Allow"));
      case 406 -> "cannot answer " + path + " in any media type of Accept: " + headers.getHeaderString("Accept")
          + "; the API answers application/json";
      case 415 -> "Content-Type " + (headers.getMediaType() == null ? "(none)" : "'" + headers.getMediaType() + "'")
          + " is not accepted by " + method + " " + path + " (GET /q/openapi lists what each operation consumes)";
      default -> e.getMessage() == null || e.getMessage().isBlank() ? ProblemDetails.title(status) : e.getMessage();
    };
    Response.ResponseBuilder answer = Response.fromResponse(ProblemMapper.answer(status, detail, List.of(), List.of()));
    for (String kept : List.of("Allow", "WWW-Authenticate", "Retry-After")) {
      String value = refused.getHeaderString(kept);
      if (value != null) {
        answer.header(kept, value);
      }
    }
    return answer.build();
  }
}
