package io.crossdistill.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossdistill.reliability.Teams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** Signing in with a team's key, keeping it for the session only, signing out; with the keyboard alone. */
@ExtendWith(ChromiumRequired.class)
class SignInTest {

  private static final String KEY = "crossdistill.key";
  private static Console console;
  private static Browser browser;

  @BeforeAll
  static void console() {
    console = Console.get();
    browser = console.browser();
  }

  @Test
  void wrongKey_showsAnError_andStaysSignedOut() {
    browser.signOut();
    WebElement key = browser.driver().findElement(By.id("api-key"));
    key.sendKeys("not-a-team-key");
    key.sendKeys(Keys.ENTER);
    String alert = browser.await("an error after a wrong key", d -> d.findElements(By.cssSelector("[role=alert]"))
        .stream().map(WebElement::getText).filter(text -> !text.isBlank()).findFirst().orElse(null));
    assertThat(alert).isNotBlank();
    assertThat(storedKey()).isNull();
    assertThat(browser.driver().findElements(By.id("team"))).allSatisfy(team -> assertThat(team.getText()).isBlank());
    assertThat(browser.driver().findElement(By.id("sign-in")).isDisplayed()).isTrue();
    // the one refused request is the check of the wrong key itself
    browser.assertNoProblems("the sign-in with a wrong key", problem -> problem.contains("/api/v1/me") && problem.contains("401"));
  }

  @Test
  void rightKey_showsTheTeam_keyInSessionStorageOnly_signOutForgetsIt() {
    browser.signIn(Teams.MUSIC);
    ChromeDriver driver = browser.driver();
    assertThat(driver.findElement(By.id("team")).getText()).contains("music");
    assertThat(driver.findElement(By.tagName("header")).getText()).doesNotContain("operator");
    assertThat(storedKey()).isEqualTo(Teams.MUSIC.key());
    assertThat(browser.script("return Object.keys(window.localStorage).map(k => window.localStorage.getItem(k)).join('\\n');"))
        .asString().doesNotContain(Teams.MUSIC.key());
    assertThat(driver.manage().getCookies()).extracting(Cookie::getValue).noneMatch(value -> value.contains(Teams.MUSIC.key()));
    assertThat((String) browser.script("return document.cookie;")).doesNotContain(Teams.MUSIC.key());
    browser.assertNoProblems("the overview after signing in");

    browser.open("schemas.html");
    driver.findElement(By.id("sign-out")).click();
    browser.await("the key forgotten", d -> storedKey() == null);
    browser.open("schemas.html");
    assertThat(driver.getCurrentUrl()).contains("/console/index.html?next=").contains("schemas.html");
    assertThat(driver.findElement(By.id("sign-in")).isDisplayed()).isTrue();
    browser.assertNoProblems("a page opened signed out");
  }

  @Test
  void signInForm_completedWithTabAndEnterOnly_landsOnTheNextPage() {
    browser.signOut();
    browser.open("mappings.html");
    ChromeDriver driver = browser.driver();
    assertThat(driver.getCurrentUrl()).contains("index.html?next=");
    driver.findElement(By.tagName("body")).click();
    for (int tabs = 0; tabs < 30 && !"api-key".equals(driver.switchTo().activeElement().getAttribute("id")); tabs++) {
      driver.switchTo().activeElement().sendKeys(Keys.TAB);
    }
    WebElement focused = driver.switchTo().activeElement();
    assertThat(focused.getAttribute("id")).as("the key field is reached with Tab").isEqualTo("api-key");
    focused.sendKeys(Teams.MUSIC.key());
    focused.sendKeys(Keys.ENTER);
    browser.await("signed in with the keyboard", d -> d.findElements(By.id("team")).stream()
        .anyMatch(team -> team.getText().contains("music")));
    browser.awaitReady();
    browser.await("on the page asked for", d -> d.getCurrentUrl().contains("mappings.html"));
    browser.awaitReady();
    browser.assertNoProblems("the sign-in with the keyboard");
  }

  @Test
  void operator_isNamedInTheHeader_andAloneSeesTheTeacherRegistration() {
    browser.signIn(Teams.MUSIC);
    browser.open("teachers.html");
    long teamForms = visibleForms();
    browser.assertNoProblems("teachers.html as music");

    browser.signIn(Teams.OPS);
    assertThat(browser.driver().findElement(By.id("team")).getText()).contains("ops");
    assertThat(browser.driver().findElement(By.tagName("header")).getText()).contains("operator");
    browser.open("teachers.html");
    assertThat(visibleForms()).as("the operator's teacher registration form on teachers.html").isGreaterThan(teamForms);
    browser.assertNoProblems("teachers.html as the operator");
  }

  private static long visibleForms() {
    return browser.driver().findElements(By.tagName("form")).stream().filter(WebElement::isDisplayed).count();
  }

  private static String storedKey() {
    return (String) browser.script("return window.sessionStorage.getItem(arguments[0]);", KEY);
  }
}
