package io.crossdistill.teacher;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.util.Map;

/**
 * Trains the fixture teacher once into the test teachers root and makes it serve, through the API. Teachers
 * are shared by every test class of one service, so a registration's expected answer is read from the
 * registry first: 201 for the first registration of a directory in this service, 200 for every later one.
 */
public final class TestTeacher {

  public static final String DIR = "video-v1";
  /** A second version of the same teacher (another seed): same inputs and heads, another content hash. */
  public static final String SECOND_DIR = "video-v2";
  public static final String OPERATOR_KEY = "operator-secret-key";

  private TestTeacher() {
  }

  /** Idempotent: trains on first use, registers with {@code serve=true}. */
  public static synchronized void ensureServing() {
    if (!Files.isDirectory(ServiceTestResource.teachersRoot().resolve(DIR))) {
      TeacherFixture.writeInChildJvm(ServiceTestResource.teachersRoot().resolve(DIR), 7);
    }
    serve(DIR);
  }

  /** Idempotent: trains the second version into the test teachers root (not registered). */
  public static synchronized void ensureSecondVersion() {
    if (!Files.isDirectory(ServiceTestResource.teachersRoot().resolve(SECOND_DIR))) {
      TeacherFixture.writeInChildJvm(ServiceTestResource.teachersRoot().resolve(SECOND_DIR), 8);
    }
  }

  /** Trains the second version if needed and makes it serve (a hot swap); {@link #ensureServing} swaps back. */
  public static synchronized void serveSecondVersion() {
    ensureSecondVersion();
    serve(SECOND_DIR);
  }

  private static void serve(String dir) {
    boolean registered = given().header("X-Api-Key", OPERATOR_KEY).get("/api/v1/teachers").then().statusCode(200)
        .extract().jsonPath().getList("path", String.class).contains(dir);
    given().header("X-Api-Key", OPERATOR_KEY).contentType(ContentType.JSON)
        .body(Map.of("path", dir, "serve", true)).post("/api/v1/teachers")
        .then().statusCode(registered ? 200 : 201).body("serving", equalTo(true)).body("path", equalTo(dir));
  }
}
