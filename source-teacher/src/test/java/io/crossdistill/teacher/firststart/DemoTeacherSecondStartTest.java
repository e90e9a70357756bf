package io.crossdistill.teacher.firststart;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.oneOf;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Another bare start on the same data directory: it loads the artifact an earlier start trained (or
 * trains it, when this class runs first), Swagger UI is off by run-time configuration, and concurrent
 * small label requests share forward passes of the teacher runtime.
 */
@QuarkusTest
@TestProfile(DemoTeacherSecondStartProfile.class)
class DemoTeacherSecondStartTest {

  private static final Pattern PASSES = Pattern.compile("(?m)^crossdistill_teacher_forward_passes_total(?:\\{[^}]*})? ([0-9.E+]+)$");

  @Test
  void laterStart_reusesTheTrainedArtifact() {
    DemoTeacherStarts.verifyThisStart();
  }

  @Test
  void swaggerUi_switchedOffAtRunTime_is404() {
    given().get("/q/swagger-ui/").then().statusCode(404);
    given().accept("application/json").get("/q/openapi").then().statusCode(200);
  }

  @Test
  void concurrentOneRowRequests_shareOneForwardPass_andEachGetsItsOwnRow() throws Exception {
    DemoTeacherStarts.verifyThisStart();
    WalkThrough.music().contentType(ContentType.JSON).body(WalkThrough.SCHEMA).post("/api/v1/schemas")
        .then().statusCode(oneOf(200, 201));
    WalkThrough.music().contentType(ContentType.JSON).body(WalkThrough.MAPPING).post("/api/v1/mappings")
        .then().statusCode(oneOf(200, 201));
    WalkThrough.music().contentType(ContentType.JSON).body(WalkThrough.ALIGNMENT).post("/api/v1/alignments")
        .then().statusCode(oneOf(200, 201));
    WalkThrough.music().contentType(ContentType.JSON).body(WalkThrough.labelledSample())
        .post("/api/v1/alignments/music-home/fit").then().statusCode(oneOf(200, 201));
    double before = forwardPasses();
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<JsonPath>> answers = List.of("u1", "u2").stream().map(id -> CompletableFuture.supplyAsync(() -> {
      await(go);
      Map<String, Object> record = Map.of("id", id, "user", id.equals("u1") ? 11 : 900, "genre", "rock",
          "popularity", 0.1, "activity", 0.2);
      return WalkThrough.music().contentType(ContentType.JSON).queryParam("cache", false)
          .body(Map.of("mapping", "listen-to-video@1", "alignment", "music-home", "records", List.of(record)))
          .post("/api/v1/labels").then().log().ifValidationFails().statusCode(200).extract().jsonPath();
    })).toList();
    go.countDown();
    for (int i = 0; i < answers.size(); i++) {
      JsonPath answer = answers.get(i).get(1, TimeUnit.MINUTES);
      assertThat(answer.getList("labels.exampleId")).containsExactly("u" + (i + 1));
    }
    // the runtime closes a micro-batch at two rows: both one-row requests went through one pass
    assertThat(forwardPasses() - before).isEqualTo(1.0);
  }

  private static double forwardPasses() {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    Matcher m = PASSES.matcher(metrics);
    assertThat(m.find()).as("crossdistill_teacher_forward_passes_total in /q/metrics").isTrue();
    return Double.parseDouble(m.group(1));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
