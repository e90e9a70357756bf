package io.crossdistill.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The harness's own check: what the page tests call "no problems" would see a failed request, a script
 * error and a CSP violation. A page made for it, served under the console's CSP by a JDK server on loopback.
 */
@ExtendWith(ChromiumRequired.class)
class BrowserProblemsTest {

  private static final Map<String, String> FILES = Map.of(
      "/bad.html", """
          <!doctype html><html><head><meta charset="utf-8"><title>bad</title>
          <link rel="icon" href="data:,"><script type="module" src="bad.js"></script></head>
          <body data-state="loading"><p onclick="void 0">inline handler</p><script>document.title = 'inline';</script></body></html>""",
      "/bad.js", """
          fetch('/missing.json').then(() => { document.body.dataset.state = 'ready'; setTimeout(() => { throw new Error('boom'); }); });""",
      "/good.html", """
          <!doctype html><html><head><meta charset="utf-8"><title>good</title>
          <link rel="icon" href="data:,"><script type="module" src="good.js"></script></head>
          <body data-state="loading"><p>fine</p></body></html>""",
      "/good.js", """
          fetch('/good.html').then(() => { document.body.dataset.state = 'ready'; });""");

  private static HttpServer server;
  private static Browser browser;
  private static String base;

  @BeforeAll
  static void serve() throws IOException {
    browser = Console.get().browser();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", BrowserProblemsTest::answer);
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  @Test
  void problems_ofABadPage_nameTheFailedRequestTheErrorAndTheCspViolations() {
    browser.openUrl(base + "/bad.html");
    List<String> problems = browser.await("the script error logged", d -> {
      List<String> seen = browser.problems();
      return seen.stream().anyMatch(problem -> problem.contains("boom")) ? seen : null;
    });
    browser.openUrl(base + "/bad.html");
    List<String> again = browser.problems();
    assertThat(again).anyMatch(problem -> problem.startsWith("console:") && problem.contains("missing.json") && problem.contains("404"));
    assertThat(again).anyMatch(problem -> problem.startsWith("CSP: script-src"));
    assertThat(again).anyMatch(problem -> problem.startsWith("console:") && problem.contains("Content Security Policy"));
    assertThat(problems).anyMatch(problem -> problem.contains("Uncaught Error: boom"));
  }

  @Test
  void problems_ofAGoodPage_areNone_andItsScreenshotIsAPng() throws IOException {
    browser.openUrl(base + "/good.html");
    assertThat(browser.problems()).isEmpty();
    byte[] png = java.nio.file.Files.readAllBytes(browser.screenshot("harness-good"));
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
  }

  private static void answer(HttpExchange exchange) throws IOException {
    String file = FILES.get(exchange.getRequestURI().getPath());
    byte[] body = (file == null ? "not found" : file).getBytes(StandardCharsets.UTF_8);
    String path = exchange.getRequestURI().getPath();
    exchange.getResponseHeaders().set("Content-Type", path.endsWith(".js") ? "text/javascript" : "text/html; charset=utf-8");
    exchange.getResponseHeaders().set("Content-Security-Policy", ConsoleServingTest.CSP);
    exchange.sendResponseHeaders(file == null ? 404 : 200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
