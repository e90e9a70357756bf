package io.crossdistill.teacher;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.util.Map;

/** Trains the fixture teacher once into the test teachers root and makes it serve, through the API. */
public final class TestTeacher {

  public static final String DIR = "video-v1";
  /** A second version of the same teacher (another seed): same inputs and heads, another content hash. */
  public static final String SECOND_DIR = "video-v2";
  public static final String OPERATOR_KEY = "operator-secret-key";

  private TestTeacher() {
  }

  /** Idempotent: trains on first use, registers with {@code serve=true} (200 once registered). */
  public static synchronized void ensureServing() {
    if (!Files.isDirectory(ServiceTestResource.teachersRoot().resolve(DIR))) {
      TeacherFixture.writeInChildJvm(ServiceTestResource.teachersRoot().resolve(DIR), 7);
    }
    given().header("X-Api-Key", OPERATOR_KEY).contentType(ContentType.JSON)
        .body(Map.of("path", DIR, "serve", true)).post("/api/v1/teachers")
        .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
  }

  /** Idempotent: trains the second version into the test teachers root (not registered). */
  public static synchronized void ensureSecondVersion() {
    if (!Files.isDirectory(ServiceTestResource.teachersRoot().resolve(SECOND_DIR))) {
      TeacherFixture.writeInChildJvm(ServiceTestResource.teachersRoot().resolve(SECOND_DIR), 8);
    }
  }
}
