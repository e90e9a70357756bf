package io.crossdistill.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossdistill.reliability.Teams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium (the system's, through the system's ChromeDriver; Selenium Manager never runs)
 * on the console of one service: opening pages and waiting for their {@code body[data-state]}, signing in
 * with a team's key, the browser's log (every {@code SEVERE} entry: script errors, failed requests, CSP
 * refusals) and the page's CSP violation events, screenshots at a width.
 */
final class Browser implements AutoCloseable {

  static final int DESKTOP_WIDTH = 1280;
  static final int PHONE_WIDTH = 390;
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int TYPED_KEYS = 40;
  /** Records every CSP violation of a document, installed before any of its own scripts runs. */
  private static final String CSP_RECORDER = "window.__cspViolations = [];"
      + "document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push("
      + "e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));";

  private final ChromeDriver driver;
  private final URI base;
  private final Path screenshots;

  private Browser(ChromeDriver driver, URI base, Path screenshots) {
    this.driver = driver;
    this.base = base;
    this.screenshots = screenshots;
  }

  /** Selenium's notice that it has no CDP classes for this Chromium: it needs none (CDP calls go through ChromeDriver). */
  private static final java.util.logging.Logger DEVTOOLS_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");

  static Browser start(Chromium chromium, URI base) {
    DEVTOOLS_LOG.setLevel(Level.SEVERE);
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, chromium.driver().toString());
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(chromium.driver().toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.browser().toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--window-size=" + DESKTOP_WIDTH + ",900", "--no-first-run", "--disable-extensions",
        "--disable-background-networking", "--disable-component-update", "--disable-sync");
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    // a confirm() before a cancel is answered yes, as a user would
    options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.ACCEPT);
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", CSP_RECORDER));
    Path screenshots = Path.of(System.getProperty("crossdistill.console.screenshots", "target/screenshots"));
    return new Browser(driver, base, screenshots);
  }

  ChromeDriver driver() {
    return driver;
  }

  /** The absolute URL of a console page, e.g. {@code mappings.html?name=x}. */
  String url(String page) {
    return base + "/console/" + page;
  }

  /** Opens a page (after dropping what the log holds so far) and waits until it is ready. */
  void open(String page) {
    openUrl(url(page));
  }

  /** Opens any address (after dropping what the log holds so far) and waits until the page is ready. */
  void openUrl(String url) {
    drainLog();
    driver.get(url);
    awaitReady();
  }

  /** Waits until the body says {@code ready}; a page that says {@code error} fails with its {@code #error}. */
  void awaitReady() {
    String state = new WebDriverWait(driver, WAIT).withMessage(() -> "page not ready: " + driver.getCurrentUrl())
        .until(d -> {
          Object value = script("return document.body ? document.body.dataset.state : null;");
          return "ready".equals(value) || "error".equals(value) ? (String) value : null;
        });
    if ("error".equals(state)) {
      String detail = driver.findElements(By.id("error")).stream().map(WebElement::getText).findFirst().orElse("(no #error)");
      throw new AssertionError("page " + driver.getCurrentUrl() + " is in state error: " + detail
          + "\nbrowser log: " + problems());
    }
  }

  /** Waits (at most 30 s) until the condition holds. */
  <T> T await(String what, java.util.function.Function<org.openqa.selenium.WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT).withMessage(what).ignoring(StaleElementReferenceException.class)
        .until(condition::apply);
  }

  /** Signs in with the team's key through the sign-in form (signed out first), and waits for the overview. */
  void signIn(Teams team) {
    signOut();
    WebElement key = driver.findElement(By.id("api-key"));
    key.sendKeys(team.key());
    key.sendKeys(Keys.ENTER);
    await("signed in as " + team.team(), d -> d.findElement(By.id("team")).getText().contains(team.team()));
    awaitReady();
  }

  /** Forgets the key (the session's storage) and opens the sign-in page. */
  void signOut() {
    // a signed-in overview first finishes its requests (ready or error), so none is cut off by leaving it
    driver.get(url("index.html"));
    new WebDriverWait(driver, WAIT).until(d -> !"loading".equals(script("return document.body ? document.body.dataset.state : 'loading';")));
    script("window.sessionStorage.clear();");
    open("index.html");
  }

  /**
   * What went wrong since the last page was opened: every {@code SEVERE} entry of the browser log (script
   * errors, a 4xx/5xx answer to any request, CSP refusals) and every CSP violation event of the page. Reading
   * empties the log.
   */
  List<String> problems() {
    List<String> problems = new ArrayList<>();
    for (LogEntry entry : drainLog()) {
      if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
        problems.add("console: " + entry.getMessage());
      }
    }
    Object violations = script("return window.__cspViolations || [];");
    if (violations instanceof List<?> list) {
      list.forEach(violation -> problems.add("CSP: " + violation));
    }
    return problems;
  }

  /** Fails with every problem (see {@link #problems()}) but those the filter accepts as expected. */
  void assertNoProblems(String where, Predicate<String> expected) {
    assertThat(problems().stream().filter(expected.negate()).toList())
        .as("console errors, failed requests or CSP violations on " + where).isEmpty();
  }

  void assertNoProblems(String where) {
    assertNoProblems(where, problem -> false);
  }

  private List<LogEntry> drainLog() {
    return driver.manage().logs().get(LogType.BROWSER).getAll();
  }

  /** Lays the page out at {@code width} CSS pixels (a phone's viewport below 500), or back at the desktop width. */
  void width(int width) {
    if (width == DESKTOP_WIDTH) {
      driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    } else {
      driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 844,
          "deviceScaleFactor", 1, "mobile", width < 500));
    }
  }

  /** Saves the whole page (not only the viewport) as {@code target/screenshots/<name>.png}. */
  Path screenshot(String name) {
    try {
      Files.createDirectories(screenshots);
      Path file = screenshots.resolve(name + ".png");
      Files.write(file, fullPage());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Replaces a text field's content: all but its end is put in place as a paste would (one input event),
   * the last {@value #TYPED_KEYS} characters are typed key by key, so the page reacts to real keystrokes
   * (typing all of a spec costs ~20 ms a key).
   */
  void enter(WebElement field, String text) {
    field.clear();
    int typed = Math.min(TYPED_KEYS, text.length());
    script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
        field, text.substring(0, text.length() - typed));
    field.sendKeys(text.substring(text.length() - typed));
    assertThat(field.getDomProperty("value")).isEqualTo(text);
  }

  private byte[] fullPage() {
    Number width = (Number) script("return document.documentElement.clientWidth;");
    Number height = (Number) script("return Math.min(document.documentElement.scrollHeight, 8000);");
    Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
        "captureBeyondViewport", true,
        "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
    Object data = shot.get("data");
    return data instanceof String base64 ? Base64.getDecoder().decode(base64) : driver.getScreenshotAs(OutputType.BYTES);
  }

  Object script(String script, Object... arguments) {
    return ((JavascriptExecutor) driver).executeScript(script, arguments);
  }

  @Override
  public void close() {
    driver.quit();
  }
}
