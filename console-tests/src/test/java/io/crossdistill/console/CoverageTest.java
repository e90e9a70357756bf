package io.crossdistill.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crossdistill.reliability.MusicTeam;
import io.crossdistill.reliability.Teams;
import io.crossdistill.teacher.rest.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Coverage and drift on a pasted sample (the mapping page's form; its selectors are the page's own, beyond
 * the contract's): one row per teacher input the API reports, flagged inputs first with the API's flags,
 * and a histogram plot with axis labels for every input the API gives a histogram.
 */
@ExtendWith(ChromiumRequired.class)
class CoverageTest {

  private static Console console;
  private static Browser browser;

  @BeforeAll
  static void signIn() {
    console = Console.get();
    browser = console.browser();
    browser.signIn(Teams.MUSIC);
  }

  @Test
  void pastedSample_showsTheApisInputsFlaggedFirst_withAPlotPerHistogram() {
    String records = sample(60);
    JsonNode expected = console.http().postJson("/api/v1/mappings/" + MusicTeam.MAPPING + "/coverage?version=1",
        Teams.MUSIC, "{\"records\": " + records + "}").expect(200).json();
    List<String> inputs = new ArrayList<>();
    List<String> flagged = new ArrayList<>();
    List<String> plotted = new ArrayList<>();
    expected.path("inputs").forEach(input -> {
      inputs.add(input.path("input").asText());
      if (input.path("flagged").asBoolean()) {
        flagged.add(input.path("input").asText());
      }
      if (input.path("drift").path("edges").isArray()) {
        plotted.add(input.path("input").asText());
      }
    });
    assertThat(plotted).as(() -> "the fixture teacher has a FLOAT input with a training histogram: " + expected).isNotEmpty();

    browser.open("mappings.html?name=" + MusicTeam.MAPPING + "&version=1");
    ChromeDriver driver = browser.driver();
    browser.enter(driver.findElement(By.cssSelector("form#coverage textarea")), records);
    driver.findElement(By.cssSelector("form#coverage button[type=submit]")).click();
    List<WebElement> rows = browser.await("the coverage rows", d -> {
      List<WebElement> shown = d.findElements(By.cssSelector("#coverage-result tr[data-input]"));
      return shown.size() == inputs.size() ? shown : null;
    });
    List<String> order = rows.stream().map(row -> row.getAttribute("data-input")).toList();
    assertThat(order).containsExactlyInAnyOrderElementsOf(inputs);
    assertThat(order.subList(0, flagged.size())).as("flagged inputs first").containsExactlyInAnyOrderElementsOf(flagged);
    for (WebElement row : rows) {
      assertThat(row.getAttribute("data-flagged")).as(row.getAttribute("data-input"))
          .isEqualTo(String.valueOf(flagged.contains(row.getAttribute("data-input"))));
    }
    for (String input : plotted) {
      List<WebElement> texts = driver.findElements(By.cssSelector("#coverage-result figure[data-input='" + input + "'] svg text"));
      assertThat(texts).as("the plot of " + input + " with labelled axes").isNotEmpty();
      assertThat(texts.stream().map(WebElement::getText).filter(text -> text.contains(input))).as("the x axis names " + input).isNotEmpty();
    }
    browser.screenshot("mapping-coverage-" + Browser.DESKTOP_WIDTH);
    browser.assertNoProblems("the coverage of a pasted sample");
  }

  /** Listen records as a JSON array, minutes spread past the teacher's range so some drift shows. */
  private static String sample(int records) {
    SplittableRandom random = new SplittableRandom(11);
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < records; i++) {
      json.append(i == 0 ? "" : ", ").append(Fixtures.record("c" + i, random.nextDouble() * 12, i % 3 == 0 ? "jazz" : "rock"));
    }
    return json.append("]").toString();
  }
}
