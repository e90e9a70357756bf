package io.crossdistill.teacher.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * The edge in front of RESTEasy, on the Vert.x router: what the HTTP layer refuses before a resource
 * runs gets the same {@code application/problem+json} body as everything else. It answers a URI longer
 * than {@link #MAX_URI_CHARS} with 414, header fields larger than {@link #MAX_HEADER_BYTES} with 431 and a
 * declared body larger than {@code quarkus.http.limits.max-body-size} with 413 (closing the connection
 * rather than reading the body), a route nothing serves with 404, and a failure of any Vert.x route with
 * its status (500, logged, for an unexpected one). The HTTP decoder's own limits are set well above these
 * (application.properties), so requests reach this check instead of being cut off without a body.
 */
@ApplicationScoped
public class HttpEdge {

  private static final Logger LOG = Logger.getLogger(HttpEdge.class);
  /** Longest request URI (path and query) the service reads. */
  public static final int MAX_URI_CHARS = 4 * 1024;
  /** Largest sum of header names and values the service reads. */
  public static final int MAX_HEADER_BYTES = 20 * 1024;

  private final ObjectMapper json;
  private final long maxBodyBytes;

  @Inject
  public HttpEdge(ObjectMapper json, Config config) {
    this.json = json;
    this.maxBodyBytes = config.getValue("quarkus.http.limits.max-body-size", MemorySize.class).asLongValue();
  }

  void install(@Observes Router router) {
    router.route().order(Integer.MIN_VALUE).handler(this::limits);
    router.route().order(Integer.MIN_VALUE).failureHandler(this::failed);
    router.errorHandler(404, ctx -> answer(ctx, 404,
        HttpFailures.noResource(ctx.request().method().name(), ctx.request().path())));
  }

  private void limits(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (request.uri().length() > MAX_URI_CHARS) {
      answer(ctx, 414, "the request URI has " + request.uri().length() + " characters; at most " + MAX_URI_CHARS);
      return;
    }
    long headerBytes = 0;
    for (Map.Entry<String, String> header : request.headers()) {
      headerBytes += header.getKey().length() + header.getValue().length() + 4;
    }
    if (headerBytes > MAX_HEADER_BYTES) {
      answer(ctx, 431, "the request's header fields take " + headerBytes + " bytes; at most " + MAX_HEADER_BYTES);
      return;
    }
    String length = request.getHeader("Content-Length");
    if (length != null && declaredLength(length) > maxBodyBytes) {
      ctx.response().putHeader("Connection", "close");
      answer(ctx, 413, "the request body has " + length.strip() + " bytes; at most " + maxBodyBytes
          + " (quarkus.http.limits.max-body-size)");
      return;
    }
    ctx.next();
  }

  private static long declaredLength(String header) {
    try {
      return Long.parseLong(header.strip());
    } catch (NumberFormatException e) {
      return -1; // the HTTP decoder refuses a malformed length itself
    }
  }

  private void failed(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      ctx.next();
      return;
    }
    Throwable failure = ctx.failure();
    int status = failure instanceof HttpException http ? http.getStatusCode()
        : failure == null && ctx.statusCode() >= 400 ? ctx.statusCode() : 500;
    if (status >= 500) {
      LOG.error("unexpected failure of " + ctx.request().method() + " " + ctx.request().path(), failure);
      answer(ctx, status, "unexpected failure; see the service log");
      return;
    }
    String detail = failure instanceof HttpException http && http.getPayload() != null ? http.getPayload()
        : ProblemDetails.title(status);
    if (status == 413) {
      detail = "the request body is larger than " + maxBodyBytes + " bytes (quarkus.http.limits.max-body-size)";
    }
    answer(ctx, status, detail);
  }

  private void answer(RoutingContext ctx, int status, String detail) {
    String body;
    try {
      body = json.writeValueAsString(ProblemDetails.of(status, ProblemDetails.title(status), detail, List.of(), List.of()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a problem always serializes", e);
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", ProblemDetails.MEDIA_TYPE).end(body);
  }
}
