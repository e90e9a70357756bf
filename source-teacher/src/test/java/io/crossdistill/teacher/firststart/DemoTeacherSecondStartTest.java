package io.crossdistill.teacher.firststart;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

  /** This start's own names: the walk-through's belong to the first start, which shares the data directory. */
  private static final String SCHEMA = WalkThrough.SCHEMA.replace("\"namespace\": \"com.music\"",
      "\"namespace\": \"com.music.secondstart\"");
  private static final String MAPPING = WalkThrough.MAPPING
      .replace("\"listen-to-video\"", "\"second-start-listen\"")
      .replace("\"com.music.Listen\"", "\"com.music.secondstart.Listen\"");
  private static final String ALIGNMENT = WalkThrough.ALIGNMENT.replace("\"music-home\"", "\"second-start-home\"");

  @Test
  void concurrentOneRowRequests_shareOneForwardPass_andEachGetsItsOwnRow() throws Exception {
    DemoTeacherStarts.verifyThisStart();
    WalkThrough.music().contentType(ContentType.JSON).body(SCHEMA).post("/api/v1/schemas")
        .then().statusCode(201).body("version", equalTo(1));
    WalkThrough.music().contentType(ContentType.JSON).body(MAPPING).post("/api/v1/mappings")
        .then().statusCode(201).body("version", equalTo(1));
    WalkThrough.music().contentType(ContentType.JSON).body(ALIGNMENT).post("/api/v1/alignments")
        .then().statusCode(201).body("version", equalTo(1));
    WalkThrough.music().contentType(ContentType.JSON).body(WalkThrough.labelledSample("second-start-listen"))
        .post("/api/v1/alignments/second-start-home/fit").then().statusCode(201).body("version", equalTo(2));
    double before = forwardPasses();
    List<CompletableFuture<JsonPath>> answers;
    ExecutorService clients = Executors.newFixedThreadPool(2);
    // the gate holds both requests inside the service until both have arrived, so they reach the runtime together
    // (well within its one-second batching window) however late the second one was sent
    try (LabelRequestGate.Armed gate = LabelRequestGate.arm(2)) {
      answers = List.of("u1", "u2").stream().map(id -> CompletableFuture.supplyAsync(() -> {
        Map<String, Object> record = Map.of("id", id, "user", id.equals("u1") ? 11 : 900, "genre", "rock",
            "popularity", 0.1, "activity", 0.2);
        return WalkThrough.music().contentType(ContentType.JSON).queryParam("cache", false)
            .body(Map.of("mapping", "second-start-listen@1", "alignment", "second-start-home", "records", List.of(record)))
            .post("/api/v1/labels").then().log().ifValidationFails().statusCode(200).extract().jsonPath();
      }, clients)).toList();
      for (int i = 0; i < answers.size(); i++) {
        JsonPath answer = answers.get(i).get(1, TimeUnit.MINUTES);
        assertThat(answer.getList("labels.exampleId")).containsExactly("u" + (i + 1));
      }
      assertThat(gate.opened()).as("both requests passed the gate together").isTrue();
    } finally {
      clients.shutdownNow();
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
}
