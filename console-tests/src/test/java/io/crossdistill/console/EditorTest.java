package io.crossdistill.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crossdistill.reliability.Http;
import io.crossdistill.reliability.Teams;
import io.crossdistill.teacher.rest.Fixtures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The spec editor: a valid spec typed in is saved as the next version exactly as a POST of the text would
 * make it, and a bad one lists each problem at the pointers the REST validation answers for the same text
 * (asked of the service, not recomputed here).
 */
@ExtendWith(ChromiumRequired.class)
class EditorTest {

  private static Console console;
  private static Browser browser;

  @BeforeAll
  static void signIn() {
    console = Console.get();
    browser = console.browser();
    browser.signIn(Teams.MUSIC);
  }

  @Test
  void validMapping_typedAndSaved_isTheVersionTheApiReturns() throws IOException {
    saveThroughTheEditor("mapping", compact(Fixtures.mapping("editor-listen", 8)), "editor-listen");
  }

  @Test
  void validAlignment_typedAndSaved_isTheVersionTheApiReturns() throws IOException {
    saveThroughTheEditor("alignment", compact(Fixtures.alignment("editor-home", "{\"type\": \"identity\"}")), "editor-home");
  }

  @Test
  void badMapping_listsEveryProblemAtThePointersTheValidationAnswers() throws IOException {
    // a rule from a field the schema lacks, a clip whose bounds are crossed, and half the inputs defaulted
    String spec = compact(Fixtures.mapping("editor-broken", 8)
        .replace("\"from\": \"/genre\"", "\"from\": \"/no_such_field\"")
        .replace("\"min\": 0, \"max\": 8", "\"min\": 8, \"max\": 0"));
    JsonNode expected = problemsThroughTheEditor("mapping", spec);
    assertThat(pointers(expected.path("errors"))).as("a missing field and a crossed clip").hasSizeGreaterThanOrEqualTo(2);
    assertThat(pointers(expected.path("warnings"))).as("the defaulted inputs").isNotEmpty();
  }

  @Test
  void badAlignment_listsEveryProblemAtThePointersTheValidationAnswers() throws IOException {
    // two tasks read heads the teacher does not have
    String spec = compact(Fixtures.alignment("editor-broken", "{\"type\": \"identity\"}")
        .replace("\"head\": \"click\"", "\"head\": \"clicks\"")
        .replace("\"head\": \"continue_watching\"", "\"head\": \"no_such_head\""));
    JsonNode expected = problemsThroughTheEditor("alignment", spec);
    assertThat(pointers(expected.path("errors"))).as("two unknown heads").hasSizeGreaterThanOrEqualTo(2);
  }

  /** Types a valid spec, saves it, and checks the API holds it as version 1, the version a POST of the text answers. */
  private static void saveThroughTheEditor(String kind, String spec, String name) throws IOException {
    String plural = kind + "s";
    browser.open("editor.html?kind=" + kind);
    type(spec);
    ChromeDriver driver = browser.driver();
    WebElement save = browser.await("#save enabled for a valid spec", d -> {
      WebElement button = d.findElement(By.id("save"));
      return button.isEnabled() ? button : null;
    });
    assertThat(driver.findElement(By.id("validation-status")).getText()).containsIgnoringCase("valid")
        .doesNotContainIgnoringCase("invalid").doesNotContainIgnoringCase("not valid");
    assertThat(driver.findElement(By.id("validation-status")).getAttribute("aria-live")).isEqualTo("polite");
    assertThat(driver.findElements(By.cssSelector("#problems li.problem.error"))).isEmpty();
    save.click();
    String ref = browser.await("#saved[data-ref]", d -> d.findElements(By.cssSelector("#saved[data-ref]")).stream()
        .map(saved -> saved.getAttribute("data-ref")).filter(value -> value != null && !value.isBlank()).findFirst().orElse(null));
    assertThat(ref).isEqualTo(name + "@1");
    assertThat(driver.findElements(By.cssSelector("#saved a[href]"))).as("a link to the saved version").isNotEmpty();
    browser.assertNoProblems("the " + kind + " editor after saving");

    JsonNode saved = console.http().get("/api/v1/" + plural + "/" + name, Teams.MUSIC).expect(200).json();
    assertThat(saved.path("version").asInt()).isEqualTo(1);
    assertThat(saved.path("body").path("name").asText()).isEqualTo(name);
    // the same text again is that very version (200, not a new one): the editor posted exactly the text
    JsonNode again = console.http().postJson("/api/v1/" + plural, Teams.MUSIC, spec).expect(200).json();
    assertThat(again.path("version").asInt()).isEqualTo(1);
    assertThat(again.path("contentHash")).isEqualTo(saved.path("contentHash"));
    assertThat(again.path("body")).isEqualTo(saved.path("body"));
  }

  /**
   * Types a bad spec and checks the editor lists exactly the errors and warnings the validation endpoint
   * answers for the text, each at its pointer, with save disabled; answers the validation.
   */
  private static JsonNode problemsThroughTheEditor(String kind, String spec) {
    JsonNode expected = console.http().postJson("/api/v1/" + kind + "s/validation", Teams.MUSIC, spec).expect(200).json();
    assertThat(expected.path("valid").asBoolean()).as(expected.toString()).isFalse();
    List<String> errors = pointers(expected.path("errors"));
    List<String> warnings = pointers(expected.path("warnings"));

    browser.open("editor.html?kind=" + kind);
    type(spec);
    ChromeDriver driver = browser.driver();
    browser.await("the problems of " + expected, d -> shown(d, "error").size() == errors.size()
        && shown(d, "warning").size() == warnings.size() && !d.findElement(By.id("save")).isEnabled());
    assertThat(shown(driver, "error")).containsExactlyInAnyOrderElementsOf(errors);
    assertThat(shown(driver, "warning")).containsExactlyInAnyOrderElementsOf(warnings);
    for (WebElement problem : driver.findElements(By.cssSelector("#problems li.problem"))) {
      assertThat(problem.getText()).as("a problem shows its pointer").contains(problem.getAttribute("data-pointer"));
    }
    assertThat(driver.findElement(By.id("save")).isEnabled()).as("#save with errors").isFalse();
    browser.assertNoProblems("the " + kind + " editor with a bad spec");
    return expected;
  }

  /** Replaces the editor's text as a user would (see {@link Browser#enter}). */
  private static void type(String spec) {
    browser.enter(browser.driver().findElement(By.id("spec")), spec);
  }

  private static List<String> shown(WebDriver driver, String severity) {
    return driver.findElements(By.cssSelector("#problems li.problem." + severity + "[data-pointer]")).stream()
        .map(problem -> problem.getAttribute("data-pointer")).toList();
  }

  private static List<String> pointers(JsonNode problems) {
    List<String> pointers = new ArrayList<>();
    problems.forEach(problem -> pointers.add(problem.path("pointer").asText()));
    return pointers;
  }

  /** The spec on one line (typing newlines into a textarea works too, one line types faster). */
  private static String compact(String json) throws IOException {
    return Http.JSON.writeValueAsString(Http.JSON.readTree(json));
  }
}
