package io.crossdistill.teacher.firststart;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What every bare start must show, whichever of the first-start test classes runs first: readiness goes
 * UP with the demo teacher; the first start in this JVM trains it (epochs in the log, readiness DOWN
 * until it is loaded), and a later start on the same data directory loads the same artifact (same
 * content hash) without training.
 */
final class DemoTeacherStarts {

  static final String TEACHER_ID = "demo-video-teacher";
  private static final String TRAINED_HASH = "crossdistill-test.first-start.hash";
  private static final String VERIFIED_LOG = "crossdistill-test.first-start.verified";

  private DemoTeacherStarts() {
  }

  /** Waits for readiness and checks the start trained the teacher or reused it; returns its content hash. */
  static synchronized String verifyThisStart() {
    if (FirstStartResource.logFile().toString().equals(System.getProperty(VERIFIED_LOG))) {
      return System.getProperty(TRAINED_HASH); // this start was checked by an earlier test method
    }
    JsonPath ready = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
        .until(() -> given().get("/q/health/ready").then().extract(),
            r -> r.statusCode() == 200).jsonPath();
    assertThat(ready.getString("checks.find { it.name == 'teacher' }.data.teacherId")).isEqualTo(TEACHER_ID);
    String hash = ready.getString("checks.find { it.name == 'teacher' }.data.contentHash");
    assertThat(hash).hasSize(64);
    String log = read(FirstStartResource.logFile());
    String earlier = System.getProperty(TRAINED_HASH);
    if (earlier == null) {
      assertThat(Files.isDirectory(FirstStartResource.dataDir().resolve("teachers").resolve(TEACHER_ID))).isTrue();
      int notReady = log.indexOf("training the demo teacher in the background; the service is NOT READY");
      int epoch = log.indexOf("first start: demo teacher epoch 1 of at most 4: train loss");
      int trained = log.indexOf("first start: demo teacher trained:");
      int loaded = log.indexOf("loaded: the service is ready");
      assertThat(notReady).as("the not-ready warning in %s", FirstStartResource.logFile()).isGreaterThanOrEqualTo(0);
      assertThat(epoch).as("an epoch line after it").isGreaterThan(notReady);
      assertThat(trained).as("the trained line after the epochs").isGreaterThan(epoch);
      assertThat(loaded).as("ready only after training").isGreaterThan(trained);
      assertThat(log).contains("content hash " + hash);
      System.setProperty(TRAINED_HASH, hash);
    } else {
      assertThat(hash).as("the artifact trained by the earlier start").isEqualTo(earlier);
      assertThat(log).contains("serving the demo teacher trained on an earlier start")
          .doesNotContain("first start: training").doesNotContain("demo teacher epoch");
    }
    System.setProperty(VERIFIED_LOG, FirstStartResource.logFile().toString());
    return hash;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
