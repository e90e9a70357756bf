package io.crossdistill.teacher.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import io.crossdistill.teacher.ServiceTestResource;
import io.crossdistill.teacher.TestTeacher;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service as an operator deploys it: the runner jar that {@code mvn package} built (or the
 * native executable under {@code -Pnative}), started in its own process in the prod profile. A few
 * quick checks that the packaging kept what the service needs at run time — start-up and readiness,
 * the label path end to end (Avro schema parsing, the mapper, DJL inference, Jackson answers) and a
 * problem+json error answer; the HTTP edge in depth is {@link ServiceApiTest}'s.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(ServiceTestResource.class)
@QuarkusTestResource(value = PackagedServiceResource.class, restrictToAnnotatedClass = true)
class PackagedServiceIT {

  private static RequestSpecification music() {
    return given().header("X-Api-Key", Fixtures.MUSIC_KEY);
  }

  /** This class starts its own service (fresh data directory), so the schema is new on the first test. */
  private static boolean schemaRegistered;

  @BeforeEach
  void serveTheFixtureTeacherAndRegisterTheSchema() {
    TestTeacher.ensureServing();
    if (!schemaRegistered) {
      music().contentType(ContentType.JSON).body(Fixtures.LISTEN_SCHEMA).post("/api/v1/schemas")
          .then().statusCode(201).body("version", equalTo(1));
      schemaRegistered = true;
    }
  }

  @Test
  void packagedService_withATeacherServing_isLiveAndReady() {
    given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
        .body("checks.find { it.name == 'teacher' }.data.teacherId", equalTo("video-teacher"));
  }

  @Test
  void packagedService_registeredSchemaMappingAndAlignment_labelRecords() {
    music().contentType(ContentType.JSON).body(Fixtures.mapping("packaged", 10)).post("/api/v1/mappings")
        .then().statusCode(201).body("version", equalTo(1));
    music().contentType(ContentType.JSON).body(Fixtures.alignment("packaged", "{\"type\": \"identity\"}"))
        .post("/api/v1/alignments").then().statusCode(201).body("version", equalTo(1));

    String body = "{\"mapping\": \"packaged\", \"alignment\": \"packaged@1\", \"records\": ["
        + Fixtures.record("p1", 1.0, "rock") + "," + Fixtures.record("p2", 4.5, "pop") + "]}";
    music().contentType(ContentType.JSON).body(body).post("/api/v1/labels").then().statusCode(200)
        .body("teacherId", equalTo("video-teacher"))
        .body("labelled", equalTo(2))
        .body("labels.exampleId", equalTo(List.of("p1", "p2")))
        .body("labels[0].labels.task", equalTo(List.of("listen", "listen_time", "continue")))
        .body("labels[0].provenance.mappingName", equalTo("packaged"))
        .body("labels[0].provenance.teacherHash", notNullValue());
  }

  @Test
  void packagedService_invalidMapping_isAProblemJsonListingEveryError() {
    music().contentType(ContentType.JSON).body(Fixtures.BAD_MAPPING).post("/api/v1/mappings")
        .then().statusCode(400).contentType("application/problem+json")
        .body("status", equalTo(400))
        .body("errors.pointer", hasItems(containsString("/rules/0"), containsString("/rules/3")));
    given().get("/api/v1/teachers").then().statusCode(401).contentType("application/problem+json");
  }
}
