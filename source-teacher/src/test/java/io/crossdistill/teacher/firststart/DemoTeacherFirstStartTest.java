package io.crossdistill.teacher.firststart;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A bare start (no teacher configured): the demo teacher is trained (or found), the service becomes
 * ready, and the curl walk-through of docs/api.md works against it step by step.
 */
@QuarkusTest
@TestProfile(DemoTeacherFirstStartProfile.class)
class DemoTeacherFirstStartTest {

  @Test
  void bareStart_trainsTheDemoTeacherOnce_andIsReadyWhenLoaded() {
    DemoTeacherStarts.verifyThisStart();
  }

  @Test
  void walkThroughOfDocsApi_worksAgainstTheFirstStartTeacher() {
    String hash = DemoTeacherStarts.verifyThisStart();
    // 1. what can the teacher take?
    WalkThrough.music().get("/api/v1/teachers").then().statusCode(200)
        .body("find { it.id == 'demo-video-teacher' }.serving", equalTo(true));
    WalkThrough.music().get("/api/v1/teachers/demo-video-teacher").then().statusCode(200)
        .body("inputs.name", hasItems("user_id", "item_id", "genre", "popularity", "user_activity",
            "video_duration", "channel_id", "watch_history_len"))
        .body("heads.name", equalTo(List.of("click", "like", "watch_time", "continue_watching")));
    // 2. schema, 3. mapping: the walk-through's names are registered by this test alone (the second start
    // registers its own), so each is new in the data directory the two starts share
    WalkThrough.music().contentType(ContentType.JSON).body(WalkThrough.SCHEMA).post("/api/v1/schemas")
        .then().statusCode(201).body("version", equalTo(1));
    WalkThrough.music().contentType(ContentType.JSON).body(WalkThrough.MAPPING).post("/api/v1/mappings")
        .then().statusCode(201).body("version", equalTo(1));
    // 4. coverage and drift
    WalkThrough.music().contentType(ContentType.JSON).body(WalkThrough.COVERAGE)
        .post("/api/v1/mappings/listen-to-video/coverage").then().statusCode(200)
        .body("inputs.input", hasItem("user_id"))
        .body("inputs.find { it.input == 'item_id' }.defaultedFraction", equalTo(1.0f));
    // 5. alignment, 6. fit
    WalkThrough.music().contentType(ContentType.JSON).body(WalkThrough.ALIGNMENT).post("/api/v1/alignments")
        .then().statusCode(201).body("version", equalTo(1));
    int fitted = WalkThrough.music().contentType(ContentType.JSON).body(WalkThrough.labelledSample())
        .post("/api/v1/alignments/music-home/fit").then().statusCode(201)
        .body("report", org.hamcrest.Matchers.notNullValue()).extract().path("version");
    assertThat(fitted).isGreaterThan(1);
    // 7. labels
    JsonPath labels = WalkThrough.music().contentType(ContentType.JSON).body(WalkThrough.LABELS)
        .post("/api/v1/labels").then().statusCode(200)
        .body("teacherId", equalTo("demo-video-teacher"))
        .body("teacherHash", equalTo(hash))
        .body("alignment", equalTo("music-home@" + fitted))
        .body("labelled", equalTo(1)).body("refused", equalTo(1))
        .body("labels[0].exampleId", equalTo("r1"))
        .body("labels[0].labels.task", equalTo(List.of("listen", "listen_time", "continue")))
        .body("errors[0].index", equalTo(1))
        .body("errors[0].errors[0]", startsWith("/user"))
        .extract().jsonPath();
    assertThat(labels.getString("labels[0].provenance.teacherHash")).isEqualTo(hash);
  }

  @Test
  void swaggerUi_isServedWhenSwitchedOn() {
    given().get("/q/swagger-ui/").then().statusCode(200);
  }
}
