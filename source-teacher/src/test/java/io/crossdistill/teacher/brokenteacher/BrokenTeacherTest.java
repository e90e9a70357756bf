package io.crossdistill.teacher.brokenteacher;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * A registered teacher whose artifact no longer loads (the models module's checked {@code ModelException})
 * is answered as the service being unable to serve it, 503 with the reason, wherever the service needs its
 * signature; never as an unexpected 500.
 */
@QuarkusTest
@TestProfile(BrokenTeacherProfile.class)
class BrokenTeacherTest {

  private static final String MUSIC_KEY = "music-secret-key";

  @Test
  void signatureOfABrokenTeacher_is503WithTheReason() {
    given().header("X-Api-Key", MUSIC_KEY).get("/api/v1/teachers/" + BrokenTeacherResource.TEACHER_ID)
        .then().statusCode(503).contentType(startsWith("application/problem+json"))
        .body("status", equalTo(503))
        .body("detail", containsString("teacher " + BrokenTeacherResource.TEACHER_ID + "@1 cannot be loaded"))
        .body("detail", containsString(BrokenTeacherResource.DIR));
  }

  @Test
  void teacherList_showsTheBrokenVersionWithTheReason() {
    given().header("X-Api-Key", MUSIC_KEY).get("/api/v1/teachers").then().statusCode(200)
        .body("[0].id", equalTo(BrokenTeacherResource.TEACHER_ID))
        .body("[0].inputs", equalTo(0))
        .body("[0].unavailable", containsString("cannot be loaded"));
  }

  @Test
  void mappingForABrokenTeacher_is503() {
    given().header("X-Api-Key", MUSIC_KEY).contentType(ContentType.JSON).body("""
        {"type": "record", "name": "Play", "namespace": "com.broken", "fields": [{"name": "id", "type": "string"}]}""")
        .post("/api/v1/schemas").then().statusCode(201);
    given().header("X-Api-Key", MUSIC_KEY).contentType(ContentType.JSON).body("""
        {"name": "play-map", "targetSchema": "com.broken.Play", "teacher": {"id": "%s"},
         "rules": [{"input": "x", "default": true}]}""".formatted(BrokenTeacherResource.TEACHER_ID))
        .post("/api/v1/mappings").then().statusCode(503).contentType(startsWith("application/problem+json"))
        .body("detail", containsString("cannot be loaded"));
  }
}
