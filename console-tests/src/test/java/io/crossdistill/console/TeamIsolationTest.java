package io.crossdistill.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossdistill.reliability.MusicTeam;
import io.crossdistill.reliability.Teams;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/** Another team signed in sees none of the music team's objects, and its pages load as cleanly. */
@ExtendWith(ChromiumRequired.class)
class TeamIsolationTest {

  private static Console console;
  private static Browser browser;

  @BeforeAll
  static void console() {
    console = Console.get();
    browser = console.browser();
  }

  @Test
  void podcast_seesNoneOfMusicsObjects_andEveryListLoadsCleanly() {
    List<By> music = List.of(
        By.cssSelector("[data-name='" + MusicTeam.SCHEMA + "']"),
        By.cssSelector("[data-name='" + MusicTeam.MAPPING + "']"),
        By.cssSelector("[data-name='" + MusicTeam.ALIGNMENT + "']"),
        By.cssSelector("[data-name='" + Console.CALIBRATED + "']"),
        By.cssSelector("[data-label-set='" + console.labelSet() + "']"),
        By.cssSelector("[data-job-id='" + console.firstJob().path("id").asText() + "']"),
        By.cssSelector("[data-report='" + console.reportId() + "']"));
    // the same selectors find music's rows when music is signed in: the absence below means something
    browser.signIn(Teams.MUSIC);
    for (String page : List.of("schemas.html", "mappings.html", "alignments.html", "label-sets.html", "backfills.html",
        "reports.html")) {
      browser.open(page);
      assertThat(music.stream().mapToInt(selector -> browser.driver().findElements(selector).size()).sum())
          .as("music's rows on " + page + " as music").isPositive();
      browser.assertNoProblems(page + " as music");
    }

    browser.signIn(Teams.PODCAST);
    for (String page : Pages.lists()) {
      browser.open(page);
      assertThat(browser.driver().findElement(By.id("team")).getText()).contains(Teams.PODCAST.team());
      for (By selector : music) {
        assertThat(browser.driver().findElements(selector)).as(selector + " on " + page + " as podcast").isEmpty();
      }
      assertThat(browser.driver().getPageSource()).as(page + " as podcast").doesNotContain(console.labelSet())
          .doesNotContain(MusicTeam.MAPPING).doesNotContain(Console.CALIBRATED);
      browser.assertNoProblems(page + " as podcast");
    }
  }
}
