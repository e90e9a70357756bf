package io.crossdistill.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crossdistill.reliability.Backfills;
import io.crossdistill.reliability.MusicTeam;
import io.crossdistill.reliability.Teams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The backfills page follows a running job: its done count grows while it runs, it ends SUCCEEDED; the
 * cancel button of another running job ends it CANCELLED, for the API too.
 */
@ExtendWith(ChromiumRequired.class)
class BackfillProgressTest {

  /**
   * Enough records in batches small enough that a job runs for several seconds on the fixture teacher,
   * so the page's one-second polling sees it move.
   */
  static final int RECORDS = 40_000;
  static final int BATCH_ROWS = 8;

  private static Console console;
  private static Browser browser;

  @BeforeAll
  static void signIn() {
    console = Console.get();
    browser = console.browser();
    browser.signIn(Teams.MUSIC);
  }

  @Test
  void runningBackfill_showsItsDoneCountGrowing_thenSucceeded() {
    String id = submit("progress.avro", RECORDS);
    browser.open("backfills.html");
    String row = "tr[data-job-id='" + id + "']";
    List<Long> seen = new ArrayList<>();
    // the page polls every second: wait for three different done counts, each shown while RUNNING
    new WebDriverWait(browser.driver(), Duration.ofMinutes(2)).withMessage(() -> "done counts seen: " + seen)
        .ignoring(StaleElementReferenceException.class)
        .until(d -> {
          String state = cell(d, row, "td.state").getText();
          long done = Long.parseLong(cell(d, row, "td.done").getAttribute("data-value"));
          if (state.contains("RUNNING") && (seen.isEmpty() || done != seen.get(seen.size() - 1))) {
            seen.add(done);
          }
          return seen.size() >= 3 || state.contains("SUCCEEDED");
        });
    assertThat(seen).as("done counts shown while RUNNING (a longer input is needed if it ended first)").hasSizeGreaterThanOrEqualTo(3);
    assertThat(seen).isSorted().doesNotHaveDuplicates();
    assertThat(browser.driver().findElements(By.cssSelector(row + " progress"))).hasSize(1);
    assertThat(browser.driver().findElements(By.cssSelector(row + " button.cancel"))).as("cancel while running").hasSize(1);
    new WebDriverWait(browser.driver(), Duration.ofMinutes(3)).withMessage("the job ends SUCCEEDED on the page")
        .ignoring(StaleElementReferenceException.class)
        .until(d -> cell(d, row, "td.state").getText().contains("SUCCEEDED"));
    JsonNode job = Backfills.job(console.http(), id);
    assertThat(job.path("state").asText()).isEqualTo("SUCCEEDED");
    assertThat(cell(browser.driver(), row, "td.done").getAttribute("data-value")).isEqualTo(job.path("done").asText());
    assertThat(browser.driver().findElements(By.cssSelector(row + " button.cancel"))).as("no cancel once ended").isEmpty();
    browser.assertNoProblems("backfills.html while a job ran");
  }

  @Test
  void cancelButton_onARunningBackfill_endsItCancelled() {
    String id = submit("to-cancel.avro", RECORDS + 1);
    browser.open("backfills.html");
    String row = "tr[data-job-id='" + id + "']";
    WebElement cancel = new WebDriverWait(browser.driver(), Duration.ofMinutes(2)).withMessage("the job RUNNING on the page")
        .ignoring(StaleElementReferenceException.class)
        .until(d -> cell(d, row, "td.state").getText().contains("RUNNING") ? cell(d, row, "button.cancel") : null);
    cancel.click();
    new WebDriverWait(browser.driver(), Duration.ofMinutes(1)).withMessage("the job CANCELLED on the page")
        .ignoring(StaleElementReferenceException.class)
        .until(d -> cell(d, row, "td.state").getText().contains("CANCELLED"));
    assertThat(Backfills.job(console.http(), id).path("state").asText()).isEqualTo("CANCELLED");
    browser.assertNoProblems("backfills.html after a cancel");
  }

  /** Writes an input of {@code records} listens and submits its backfill (202: a new job). */
  private static String submit(String file, int records) {
    MusicTeam.writeListens(console.service().inputs().resolve(file), records, 1000);
    return console.http().postJson("/api/v1/backfills", Teams.MUSIC,
        MusicTeam.backfillBody(file, Map.of("batchRows", BATCH_ROWS))).expect(202).json().path("id").asText();
  }

  private static WebElement cell(WebDriver driver, String row, String cell) {
    return driver.findElement(By.cssSelector(row + " " + cell));
  }
}
