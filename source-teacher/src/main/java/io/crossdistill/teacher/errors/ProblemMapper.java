package io.crossdistill.teacher.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.crossdistill.aligner.AlignmentException;
import io.crossdistill.labelling.MalformedRecordsException;
import io.crossdistill.labelling.NoTeacherException;
import io.crossdistill.mapper.MappingValidationException;
import io.crossdistill.schemas.Problem;
import io.crossdistill.teacher.registry.OwnershipException;
import io.crossdistill.teacher.registry.RegistryStorageException;
import io.crossdistill.teacher.service.Conflict;
import io.crossdistill.teacher.service.Forbidden;
import io.crossdistill.teacher.service.Invalid;
import io.crossdistill.teacher.service.NotFound;
import io.crossdistill.teacher.service.Unavailable;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one error mapper: every failure leaves the service as {@code application/problem+json}. The
 * service layer's domain exceptions get their status here (not found 404, conflict 409, forbidden 403,
 * invalid 400, unavailable 503); the libraries' input problems (mapping and alignment validation, bad
 * records, {@link IllegalArgumentException}) are 400 with every error and its path; the JSON layer's
 * failures (a body that does not parse, is nested too deep, repeats a key or has a value of the wrong
 * type) are 400 with the pointer Jackson knows; the HTTP layer's own refusals (404, 405, 406, 415, ...)
 * keep their status and say why. Only unexpected failures are 500, logged here with their stack trace
 * and answered without internals. Refusals that Vert.x makes before a request reaches RESTEasy (413, 414,
 * 431, unknown routes) are answered by {@link HttpEdge} with the same body.
 */
public class ProblemMapper {

  private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

  @ServerExceptionMapper
  public Response notFound(NotFound e) {
    return answer(404, e.getMessage(), e.errors(), List.of());
  }

  @ServerExceptionMapper
  public Response conflict(Conflict e) {
    return answer(409, e.getMessage(), e.errors(), List.of());
  }

  @ServerExceptionMapper
  public Response forbidden(Forbidden e) {
    return answer(403, e.getMessage(), e.errors(), List.of());
  }

  @ServerExceptionMapper
  public Response invalid(Invalid e) {
    return answer(400, e.getMessage(), e.errors(), e.warnings());
  }

  @ServerExceptionMapper
  public Response unavailable(Unavailable e) {
    if (e.getCause() != null) {
      LOG.warnf("answering 503: %s (%s)", e.getMessage(), e.getCause().toString());
    }
    return answer(503, e.getMessage(), List.of(), List.of());
  }

  @ServerExceptionMapper
  public Response mapping(MappingValidationException e) {
    return answer(400, "the feature mapping spec has " + e.errors().size() + " error(s)", e.errors(), e.warnings());
  }

  @ServerExceptionMapper
  public Response alignment(AlignmentException e) {
    return answer(400, e.getMessage(), e.problems(), List.of());
  }

  @ServerExceptionMapper
  public Response records(MalformedRecordsException e) {
    return answer(400, e.getMessage(), e.problems(), List.of());
  }

  @ServerExceptionMapper
  public Response noTeacher(NoTeacherException e) {
    return answer(503, e.getMessage(), List.of(), List.of());
  }

  @ServerExceptionMapper
  public Response ownership(OwnershipException e) {
    return answer(403, e.getMessage(), List.of(), List.of());
  }

  @ServerExceptionMapper
  public Response storage(RegistryStorageException e) {
    LOG.error("registry storage failed", e);
    return answer(503, "the registry cannot be read or written now: " + e.getMessage(), List.of(), List.of());
  }

  /** A body of the wrong shape: a string where an object was expected, an array for a string, ... */
  @ServerExceptionMapper
  public Response binding(MismatchedInputException e) {
    return JsonFailures.answer(e);
  }

  /** A JSON body whose bytes are not well-formed UTF-8 ({@link StrictUtf8}). */
  @ServerExceptionMapper
  public Response utf8(StrictUtf8.InvalidUtf8 e) {
    return answer(400, e.getMessage(), List.of(new Problem("", e.getMessage())), List.of());
  }

  /** The HTTP layer's refusals; a body that does not parse (or is not UTF-8) comes wrapped in one (400). */
  @ServerExceptionMapper
  public Response web(WebApplicationException e, Request request, UriInfo uri, HttpHeaders headers) {
    if (e.getCause() instanceof JsonProcessingException json) {
      return JsonFailures.answer(json);
    }
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof StrictUtf8.InvalidUtf8 utf8) {
        return utf8(utf8);
      }
    }
    return HttpFailures.answer(e, request.getMethod(), "/" + uri.getPath().replaceFirst("^/", ""), headers);
  }

  @ServerExceptionMapper
  public Response input(IllegalArgumentException e) {
    return answer(400, String.valueOf(e.getMessage()), List.of(), List.of());
  }

  @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
  public Response unexpected(RuntimeException e) {
    LOG.error("unexpected failure", e);
    return answer(500, "unexpected failure (" + e.getClass().getSimpleName() + "); see the service log",
        List.of(), List.of());
  }

  /** A problem+json answer; the title is the status's reason phrase. */
  public static Response answer(int status, String detail, List<Problem> errors, List<Problem> warnings) {
    return Response.status(status)
        .type(ProblemDetails.MEDIA_TYPE)
        .entity(ProblemDetails.of(status, ProblemDetails.title(status), detail, errors, warnings))
        .build();
  }
}
