package io.crossdistill.teacher.security;

import io.crossdistill.teacher.config.ServiceSettings;
import io.crossdistill.teacher.errors.ProblemDetails;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every {@code /api/} request by its {@code X-Api-Key} header (or
 * {@code Authorization: Bearer}) before anything else looks at it: no or an unknown key is 401. The key
 * is never logged nor kept; only the team name travels on, in {@link Caller}.
 */
public class ApiKeyFilter {

  public static final String HEADER = "X-Api-Key";

  @Inject
  ApiKeys keys;

  @Inject
  ServiceSettings settings;

  @Inject
  Caller caller;

  @ServerRequestFilter(preMatching = true)
  public Optional<Response> authenticate(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    if (!path.startsWith("/api/")) {
      return Optional.empty();
    }
    String key = request.getHeaderString(HEADER);
    if (key == null) {
      String authorization = request.getHeaderString("Authorization");
      if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        key = authorization.substring(7).strip();
      }
    }
    if (key == null || key.isEmpty()) {
      return Optional.of(unauthorized("no API key: send your team's key in the " + HEADER + " header"));
    }
    Optional<String> team = keys.teamOf(key);
    if (team.isEmpty()) {
      return Optional.of(unauthorized("unknown API key"));
    }
    caller.authenticate(team.get(), settings.isOperator(team.get()));
    return Optional.empty();
  }

  private static Response unauthorized(String detail) {
    return Response.status(401)
        .type(ProblemDetails.MEDIA_TYPE)
        .header("WWW-Authenticate", "ApiKey header=\"" + HEADER + "\"")
        .entity(ProblemDetails.of(401, "Unauthorized", detail, List.of(), List.of()))
        .build();
  }
}
