package io.crossdistill.teacher.console;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;

/**
 * The web console's plumbing on the Vert.x router: its pages are static files under
 * {@code META-INF/resources/console/}, served by Quarkus; here {@code /console} is sent on to
 * {@code /console/} (its index page), and every answer under {@code /console/} carries a content security
 * policy that allows only the service's own scripts, styles, images and API (no inline script, no framing
 * by other sites), with {@code nosniff}, no referrer and {@code no-cache} (pages revalidate, so an upgrade is
 * seen at once).
 */
@ApplicationScoped
public class ConsoleRoutes {

  /** Where the console lives. */
  public static final String ROOT = "/console/";

  /** The headers of every answer under {@link #ROOT}. */
  public static final Map<String, String> HEADERS = Map.of(
      "Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
          + "img-src 'self' data: blob:; frame-src 'self' blob:; connect-src 'self'; object-src 'none'; "
          + "base-uri 'none'; frame-ancestors 'none'",
      "X-Content-Type-Options", "nosniff",
      "Referrer-Policy", "no-referrer",
      // revalidated on every load: after an upgrade a browser must not keep old pages against a new API
      "Cache-Control", "no-cache");

  void install(@Observes Router router) {
    // after the HTTP edge's limits (order Integer.MIN_VALUE), before the static files
    router.route().order(Integer.MIN_VALUE + 1).handler(this::console);
  }

  private void console(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    if (path.equals("/console")) {
      String query = ctx.request().query();
      ctx.response().setStatusCode(302).putHeader("Location", query == null ? ROOT : ROOT + "?" + query).end();
      return;
    }
    if (path.startsWith(ROOT)) {
      ctx.addHeadersEndHandler(v -> HEADERS.forEach((name, value) -> ctx.response().putHeader(name, value)));
    }
    ctx.next();
  }
}
