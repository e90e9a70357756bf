package io.crossdistill.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossdistill.reliability.Teams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A student report: listed for its team, linked from the label set it used, and opened from the list as
 * the run's own page through a {@code blob:} URL (fetched with the key; the CSP allows such frames only).
 */
@ExtendWith(ChromiumRequired.class)
class ReportsTest {

  private static Console console;
  private static Browser browser;

  @BeforeAll
  static void signIn() {
    console = Console.get();
    browser = console.browser();
    browser.signIn(Teams.MUSIC);
  }

  @Test
  void report_linkedFromItsLabelSet_opensAsTheRunsPage() {
    String id = console.reportId();
    browser.open("label-sets.html?id=" + console.labelSet());
    ChromeDriver driver = browser.driver();
    assertThat(driver.findElements(By.cssSelector("a[href*='" + id + "']"))).as("a link from the label set to its report")
        .isNotEmpty();
    browser.assertNoProblems("the label set of a report");

    browser.open("reports.html");
    driver.findElement(By.cssSelector("tr[data-report='" + id + "'] button.open-report")).click();
    WebElement frame = browser.await("the report in a frame", d -> d.findElements(By.cssSelector("iframe[src^='blob:']"))
        .stream().findFirst().orElse(null));
    driver.switchTo().frame(frame);
    try {
      String heading = browser.await("the run's page", d -> d.findElements(By.tagName("h1")).stream()
          .map(WebElement::getText).filter(text -> !text.isBlank()).findFirst().orElse(null));
      assertThat(heading).isEqualTo("music compare");
    } finally {
      driver.switchTo().defaultContent();
    }
    browser.screenshot("report-open-" + Browser.DESKTOP_WIDTH);
    browser.assertNoProblems("a report opened");
  }
}
