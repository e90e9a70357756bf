package io.crossdistill.teacher.errors;

import io.crossdistill.aligner.AlignmentException;
import io.crossdistill.labelling.NoTeacherException;
import io.crossdistill.mapper.MappingValidationException;
import io.crossdistill.teacher.registry.OwnershipException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.NoSuchElementException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one error mapper: every failure leaves the service as {@code application/problem+json}. Input
 * problems (validation, {@link IllegalArgumentException}) are 400 with every error and its path,
 * never 500; only unexpected failures are 500, logged here with their stack trace and answered
 * without internals.
 */
public class ProblemMapper {

  private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

  @ServerExceptionMapper
  public Response api(ApiException e) {
    return answer(e.status(), e.title(), e.getMessage(), e.errors(), e.warnings());
  }

  @ServerExceptionMapper
  public Response mapping(MappingValidationException e) {
    return answer(400, "Bad Request", "the feature mapping spec has " + e.errors().size() + " error(s)",
        e.errors().stream().map(p -> new ProblemItem(p.pointer(), p.message())).toList(),
        e.warnings().stream().map(p -> new ProblemItem(p.pointer(), p.message())).toList());
  }

  @ServerExceptionMapper
  public Response alignment(AlignmentException e) {
    return answer(400, "Bad Request", e.getMessage(),
        e.problems().stream().map(p -> new ProblemItem(p.pointer(), p.message())).toList(), List.of());
  }

  @ServerExceptionMapper
  public Response noTeacher(NoTeacherException e) {
    return answer(503, "Service Unavailable", e.getMessage(), List.of(), List.of());
  }

  @ServerExceptionMapper
  public Response ownership(OwnershipException e) {
    return answer(403, "Forbidden", e.getMessage(), List.of(), List.of());
  }

  @ServerExceptionMapper
  public Response missing(NoSuchElementException e) {
    return answer(404, "Not Found", e.getMessage(), List.of(), List.of());
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    Response.Status known = Response.Status.fromStatusCode(status);
    String title = known == null ? "HTTP " + status : known.getReasonPhrase();
    return answer(status, title, e.getMessage(), List.of(), List.of());
  }

  @ServerExceptionMapper
  public Response input(IllegalArgumentException e) {
    return answer(400, "Bad Request", e.getMessage(), List.of(), List.of());
  }

  @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
  public Response unexpected(RuntimeException e) {
    LOG.error("unexpected failure", e);
    return answer(500, "Internal Server Error", "unexpected failure (" + e.getClass().getSimpleName()
        + "); see the service log", List.of(), List.of());
  }

  static Response answer(int status, String title, String detail, List<ProblemItem> errors, List<ProblemItem> warnings) {
    return Response.status(status)
        .type(Problem.MEDIA_TYPE)
        .entity(Problem.of(status, title, detail, errors, warnings))
        .build();
  }
}
