package io.crossdistill.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossdistill.reliability.Teams;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Every page of the contract, signed in as the music team (which has one of each object): it loads to
 * {@code ready} with no console error, failed request or CSP violation, every control has an accessible
 * name, it fits a phone's width, and a screenshot of it at 1280 and 390 px lands in {@code
 * target/screenshots/}.
 */
@ExtendWith(ChromiumRequired.class)
class ConsolePagesTest {

  /** Names each control lacking an accessible name (label, aria-label, aria-labelledby, a button's text, title). */
  static final String UNNAMED_CONTROLS = """
      const unnamed = [];
      for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea, button')) {
        const text = value => (value || '').trim();
        const byIds = text((el.getAttribute('aria-labelledby') || '').split(/\\s+/)
            .map(id => document.getElementById(id)).filter(Boolean).map(e => e.textContent).join(' '));
        const byLabels = text(Array.from(el.labels || []).map(l => l.textContent).join(' '));
        const isButton = el.tagName === 'BUTTON' || ['submit', 'button', 'reset'].includes(el.type);
        const own = isButton ? text(el.textContent) || text(el.value) : '';
        if (!(text(el.getAttribute('aria-label')) || byIds || byLabels || own || text(el.getAttribute('title')))) {
          unnamed.push(el.outerHTML.slice(0, 160));
        }
      }
      return unnamed;""";

  /** Controls taken out of the Tab order, and any positive tabindex (which reorders it). */
  static final String KEYBOARD_TRAPS = """
      const bad = [];
      for (const el of document.querySelectorAll('[tabindex]')) {
        const index = Number(el.getAttribute('tabindex'));
        const control = el.matches('a[href], button, input, select, textarea, summary');
        if (index > 0 || (index < 0 && control && el.getClientRects().length > 0)) {
          bad.push(el.outerHTML.slice(0, 160));
        }
      }
      return bad;""";

  /** The outermost elements reaching past the viewport's right edge, for the failure message. */
  static final String WIDEST = """
      const width = document.documentElement.clientWidth;
      const out = [];
      for (const el of document.body.querySelectorAll('*')) {
        const right = el.getBoundingClientRect().right;
        // an absolutely placed element escapes a scrolling box that does not hold its containing block
        let clipped = ['absolute', 'fixed'].includes(getComputedStyle(el).position) ? false : null;
        for (let up = el.parentElement; clipped === null && up && up !== document.body; up = up.parentElement) {
          clipped = getComputedStyle(up).overflowX !== 'visible' ? true : null;
        }
        clipped = clipped === true;
        if (right > width + 1 && !clipped) {
          out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && el.className.baseVal === undefined
              ? '.' + String(el.className).trim().replace(/\\s+/g, '.') : '') + ' (right edge ' + Math.round(right) + ' px)');
        }
      }
      return out.slice(-8);""";

  private static Console console;

  @BeforeAll
  static void signIn() {
    console = Console.get();
    console.browser().signIn(Teams.MUSIC);
  }

  @AfterEach
  void desktopAgain() {
    console.browser().width(Browser.DESKTOP_WIDTH);
  }

  @TestFactory
  Stream<DynamicTest> everyPage_signedInAsMusic_loadsReadyWithoutErrorsAtDesktopAndPhoneWidth() {
    Browser browser = console.browser();
    return Pages.ofMusic(console).stream().map(page -> DynamicTest.dynamicTest(page.path(), () -> {
      browser.width(Browser.DESKTOP_WIDTH);
      browser.open(page.path());
      browser.assertNoProblems(page.path());
      assertThat(java.net.URI.create(browser.driver().getCurrentUrl()).getPath()).as("stays on the page (signed in)")
          .isEqualTo("/console/" + page.path().replaceFirst("\\?.*", ""));
      assertThat(browser.driver().findElement(By.id("team")).getText()).contains(Teams.MUSIC.team());
      assertThat(browser.driver().findElements(By.cssSelector("button#sign-out"))).hasSize(1);
      assertThat(browser.driver().findElements(By.cssSelector("link[rel=icon][href='favicon.svg']"))).hasSize(1);
      @SuppressWarnings("unchecked")
      List<String> unnamed = (List<String>) browser.script(UNNAMED_CONTROLS);
      assertThat(unnamed).as("controls without an accessible name on " + page.path()).isEmpty();
      @SuppressWarnings("unchecked")
      List<String> untabbable = (List<String>) browser.script(KEYBOARD_TRAPS);
      assertThat(untabbable).as("controls out of the Tab order, or a positive tabindex, on " + page.path()).isEmpty();
      browser.screenshot(page.name() + "-" + Browser.DESKTOP_WIDTH);

      browser.width(Browser.PHONE_WIDTH);
      browser.open(page.path());
      browser.assertNoProblems(page.path() + " at " + Browser.PHONE_WIDTH + " px");
      browser.screenshot(page.name() + "-" + Browser.PHONE_WIDTH);
      Number overflow = (Number) browser.script(
          "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
      assertThat(overflow.intValue()).as(() -> "horizontal overflow (px) of " + page.path() + " at " + Browser.PHONE_WIDTH
          + " px (the page should fit; wide tables scroll in their own box); sticking out: " + browser.script(WIDEST))
          .isLessThanOrEqualTo(0);
    }));
  }
}
