package io.crossdistill.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** How the service serves the console's static files: the redirect to {@code /console/}, the CSP, the icon. */
@ExtendWith(ChromiumRequired.class)
class ConsoleServingTest {

  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data: blob:; frame-src 'self' blob:; connect-src 'self'; object-src 'none'; "
      + "base-uri 'none'; frame-ancestors 'none'";

  private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private static URI base;

  @BeforeAll
  static void service() {
    base = Console.get().service().base();
  }

  @Test
  void console_withoutTheSlash_redirectsToTheSlash() throws Exception {
    HttpResponse<String> response = get("/console");
    assertThat(response.statusCode()).isBetween(301, 308);
    assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
        location -> assertThat(base.resolve(location).getPath()).isEqualTo("/console/"));
  }

  @Test
  void consolePages_withoutAKey_areServedWithTheContractsCsp() throws Exception {
    for (String page : new String[] {"/console/", "/console/index.html", "/console/editor.html"}) {
      HttpResponse<String> response = get(page);
      assertThat(response.statusCode()).as(page).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).as(page).hasValueSatisfying(
          type -> assertThat(type).startsWith("text/html"));
      assertThat(response.headers().firstValue("Content-Security-Policy")).as(page).hasValue(CSP);
      assertThat(response.body()).as(page).contains("data-state=\"loading\"").doesNotContain("onclick=");
    }
  }

  @Test
  void favicon_isServed() throws Exception {
    HttpResponse<String> response = get("/console/favicon.svg");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("image/svg+xml"));
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return CLIENT.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
