package io.crossdistill.teacher.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.crossdistill.teacher.ServiceTestResource;
import io.crossdistill.teacher.TestTeacher;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP edge through real HTTP: every endpoint and every error path, against a real fixture teacher.
 * Registrations are idempotent, so each test first makes sure what it needs is registered.
 */
@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
class ServiceApiTest {

  static RequestSpecification as(String key) {
    return given().header("X-Api-Key", key);
  }

  static RequestSpecification music() {
    return as(Fixtures.MUSIC_KEY);
  }

  /** This class's own Listen schema namespace: no other class registers it in the shared service. */
  static final String NS = "com.music.api";
  static final String LISTEN = NS + ".Listen";
  private static boolean registered;

  /** The teacher serves before each test; the basics are registered once, by the first test of the class. */
  @BeforeEach
  void registerBasics() {
    TestTeacher.ensureServing();
    if (registered) {
      return;
    }
    music().contentType(ContentType.JSON).body(Fixtures.listenSchema(NS)).post("/api/v1/schemas")
        .then().statusCode(201).body("version", equalTo(1));
    music().contentType(ContentType.JSON).body(Fixtures.mapping("api-listen", 10, NS)).post("/api/v1/mappings")
        .then().statusCode(201).body("version", equalTo(1));
    music().contentType(ContentType.JSON).body(Fixtures.alignment("api-home", "{\"type\": \"identity\"}"))
        .post("/api/v1/alignments").then().statusCode(201).body("version", equalTo(1));
    registered = true;
  }

  @Test
  void health_withTeacherLoaded_isLiveAndReady() {
    given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
        .body("checks.find { it.name == 'teacher' }.data.teacherId", equalTo("video-teacher"));
  }

  @Test
  void openapi_describesTheApi_andSwaggerUiIsOnInTests() {
    given().accept("application/json").get("/q/openapi").then().statusCode(200)
        .body(containsString("/api/v1/labels")).body(containsString("/api/v1/mappings/{name}/coverage"));
    given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
  }

  @Test
  void anyApiCall_withoutOrWithUnknownKey_is401() {
    given().get("/api/v1/teachers").then().statusCode(401).contentType("application/problem+json")
        .body("status", equalTo(401));
    as("not-a-key").get("/api/v1/teachers").then().statusCode(401);
    given().header("Authorization", "Bearer " + Fixtures.MUSIC_KEY).get("/api/v1/teachers").then().statusCode(200);
  }

  @Test
  void teachers_areListedWithSignatureAndStatistics() {
    music().get("/api/v1/teachers").then().statusCode(200)
        .body("find { it.id == 'video-teacher' }.serving", equalTo(true))
        .body("find { it.id == 'video-teacher' }.heads", equalTo(List.of("click", "watch_time", "continue_watching")));
    music().get("/api/v1/teachers/video-teacher").then().statusCode(200)
        .body("contentHash", notNullValue())
        .body("inputs.find { it.name == 'watch_minutes' }.statistics.count", equalTo(512))
        .body("inputs.find { it.name == 'genre' }.cardinality", equalTo(16));
    music().get("/api/v1/teachers/no-such-teacher").then().statusCode(404).contentType("application/problem+json");
  }

  @Test
  void teacherRegistration_isForOperatorsAndConfinedToTheRoot() {
    music().contentType(ContentType.JSON).body(Map.of("path", "video-v1")).post("/api/v1/teachers")
        .then().statusCode(403);
    as(Fixtures.OPS_KEY).contentType(ContentType.JSON).body(Map.of("path", "../../etc")).post("/api/v1/teachers")
        .then().statusCode(403).body("detail", containsString("outside the teachers root"));
    as(Fixtures.OPS_KEY).contentType(ContentType.JSON).body(Map.of("path", "/etc")).post("/api/v1/teachers")
        .then().statusCode(403);
    as(Fixtures.OPS_KEY).contentType(ContentType.JSON).body(Map.of("path", "missing-dir")).post("/api/v1/teachers")
        .then().statusCode(400).body("errors[0].pointer", equalTo("/path"));
    // the configured teacher is already registered: same content hash, same version
    as(Fixtures.OPS_KEY).contentType(ContentType.JSON).body(Map.of("path", "video-v1")).post("/api/v1/teachers")
        .then().statusCode(200).body("version", equalTo(1)).body("serving", equalTo(true))
        .body("path", equalTo(TestTeacher.DIR));
  }

  @Test
  void schemas_areVersionedAndMustStayBackwardCompatible() {
    music().contentType(ContentType.JSON).body(Fixtures.listenSchema(NS)).post("/api/v1/schemas")
        .then().statusCode(200).body("version", equalTo(1)).body("created", equalTo(false));
    music().contentType(ContentType.JSON).body(Fixtures.listenSchemaV2(NS)).post("/api/v1/schemas")
        .then().statusCode(201).body("version", equalTo(2)).body("created", equalTo(true));
    music().contentType(ContentType.JSON).body(Fixtures.listenSchemaIncompatible(NS)).post("/api/v1/schemas")
        .then().statusCode(409).contentType("application/problem+json")
        .body("errors.message", hasItem(containsString("mood")));
    music().get("/api/v1/schemas/" + LISTEN).then().statusCode(200).body("version", equalTo(2))
        .body("body.name", equalTo("Listen"));
    music().get("/api/v1/schemas/" + LISTEN + "/versions").then().statusCode(200).body("version", equalTo(List.of(1, 2)));
    music().get("/api/v1/schemas/" + LISTEN + "/versions/1").then().statusCode(200).body("body.fields", hasSize(4));
    music().get("/api/v1/schemas").then().statusCode(200).body("$", hasItem(LISTEN));
    music().get("/api/v1/schemas/" + NS + ".Nothing").then().statusCode(404);
    music().contentType(ContentType.JSON).body("{\"type\": \"string\"}").post("/api/v1/schemas").then().statusCode(400)
        .body("errors[0].pointer", equalTo("/type"));
    music().contentType(ContentType.JSON).body("{\"type\": \"record\", \"name\": ").post("/api/v1/schemas").then()
        .statusCode(400);
    as(Fixtures.PODCAST_KEY).contentType(ContentType.JSON).body(Fixtures.listenSchemaV2(NS)).post("/api/v1/schemas")
        .then().statusCode(403);
    as(Fixtures.PODCAST_KEY).get("/api/v1/schemas/" + LISTEN).then().statusCode(403);
  }

  @Test
  void mapping_withErrors_is400ListingEveryErrorWithItsPath() {
    JsonPath problem = music().contentType(ContentType.JSON).body(Fixtures.badMapping(NS)).post("/api/v1/mappings")
        .then().statusCode(400).contentType("application/problem+json").extract().jsonPath();
    List<String> pointers = problem.getList("errors.pointer");
    assertThat(pointers).hasSizeGreaterThanOrEqualTo(3);
    assertThat(pointers).anyMatch(p -> p.startsWith("/rules/0"));
    assertThat(pointers).anyMatch(p -> p.startsWith("/rules/3"));
    assertThat(problem.getList("errors.message", String.class)).anyMatch(m -> m.contains("device"));
  }

  @Test
  void mapping_forUnknownSchemaOrTeacher_is400AtThatPath() {
    String unknownSchema = Fixtures.mapping("m-x", 10, NS).replace(LISTEN, NS + ".Nope");
    music().contentType(ContentType.JSON).body(unknownSchema).post("/api/v1/mappings").then().statusCode(400)
        .body("errors[0].pointer", equalTo("/targetSchema"));
    String unknownTeacher = Fixtures.mapping("m-y", 10, NS).replace("\"video-teacher\"", "\"radio-teacher\"");
    music().contentType(ContentType.JSON).body(unknownTeacher).post("/api/v1/mappings").then().statusCode(400)
        .body("errors[0].pointer", equalTo("/teacher"));
  }

  @Test
  void mapping_lifecycle_versionsAreImmutableAndDeprecationHidesFromLatest() {
    String v1 = Fixtures.mapping("api-lifecycle", 10, NS);
    int first = music().contentType(ContentType.JSON).body(v1).post("/api/v1/mappings")
        .then().statusCode(201).body("created", equalTo(true)).extract().path("version");
    music().contentType(ContentType.JSON).body(v1).post("/api/v1/mappings").then().statusCode(200)
        .body("version", equalTo(first)).body("created", equalTo(false));
    int second = music().contentType(ContentType.JSON).body(Fixtures.mapping("api-lifecycle", 5 + first, NS))
        .post("/api/v1/mappings").then().statusCode(201).extract().path("version");
    assertThat(second).isGreaterThan(first);
    music().get("/api/v1/mappings/api-lifecycle").then().statusCode(200).body("version", equalTo(second))
        .body("body.teacher.contentHash", notNullValue());
    music().post("/api/v1/mappings/api-lifecycle/versions/" + second + "/deprecate").then().statusCode(200)
        .body("deprecated", equalTo(true));
    music().get("/api/v1/mappings/api-lifecycle").then().statusCode(200).body("version", equalTo(first));
    music().get("/api/v1/mappings/api-lifecycle/versions/" + second).then().statusCode(200)
        .body("deprecated", equalTo(true)).body("body.rules[0].transforms[0].max", equalTo((float) (5 + first)));
    music().get("/api/v1/mappings/api-lifecycle/versions").then().statusCode(200)
        .body("version", hasItem(second)).body("version", hasItem(first));
    music().get("/api/v1/mappings").then().statusCode(200).body("$", hasItem("api-lifecycle"));
    // a deprecated version still labels when named
    music().contentType(ContentType.JSON)
        .body(Map.of("mapping", "api-lifecycle@" + second, "alignment", "api-home",
            "records", List.of(Map.of("id", "a", "listen_minutes", 3.0, "genre", "rock"))))
        .post("/api/v1/labels").then().statusCode(200).body("labelled", equalTo(1))
        .body("labels[0].provenance.mappingVersion", equalTo(second));
    music().get("/api/v1/mappings/api-lifecycle/versions/99").then().statusCode(404);
    music().get("/api/v1/mappings/nothing-here").then().statusCode(404);
    as(Fixtures.PODCAST_KEY).get("/api/v1/mappings/api-lifecycle").then().statusCode(403);
    as(Fixtures.PODCAST_KEY).post("/api/v1/mappings/api-lifecycle/versions/1/deprecate").then().statusCode(403);
    as(Fixtures.PODCAST_KEY).contentType(ContentType.JSON).body(v1).post("/api/v1/mappings").then().statusCode(403);
  }

  @Test
  void wrongContentType_is415_andOversizedBody_is413() {
    music().contentType(ContentType.TEXT).body("name: x").post("/api/v1/mappings").then().statusCode(415);
    music().contentType("application/xml").body("<x/>").post("/api/v1/labels").then().statusCode(415);
    String huge = "{\"records\": [\"" + "x".repeat(1_200_000) + "\"]}";
    music().contentType(ContentType.JSON).body(huge).post("/api/v1/labels").then().statusCode(413);
  }

  @Test
  void coverage_reportsDefaultedInputsAndDrift() {
    String records = "{\"records\": [" + Fixtures.record("a", 1.0, "rock") + "," + Fixtures.record("b", 2.5, "jazz")
        + "," + Fixtures.record("c", 3.5, "pop") + "]}";
    music().contentType(ContentType.JSON).body(records).post("/api/v1/mappings/api-listen/coverage")
        .then().statusCode(200)
        .body("records", equalTo(3)).body("mapped", equalTo(3))
        .body("inputs.find { it.input == 'freshness' }.defaultedFraction", equalTo(1.0f))
        .body("inputs.find { it.input == 'watch_minutes' }.drift.psi", notNullValue());
    music().contentType(ContentType.JSON).body("{\"records\": [{\"id\": 1}]}")
        .post("/api/v1/mappings/api-listen/coverage").then().statusCode(400)
        .body("errors.pointer", hasItem("/records/0/id")).body("errors.pointer", hasItem("/records/0/listen_minutes"));
  }

  @Test
  void labels_alignedWithProvenance_andBadRecordsListedPerRecord() {
    String body = "{\"mapping\": \"api-listen\", \"alignment\": \"api-home@1\", \"records\": ["
        + Fixtures.record("r1", 1.0, "rock") + ","
        + "{\"id\": \"r2\", \"listen_minutes\": \"lots\", \"genre\": \"pop\"},"
        + Fixtures.record("r3", 3.0, "jazz") + ","
        + "{\"id\": \"r4\", \"listen_minutes\": \"NaN\", \"genre\": \"pop\"}"
        + "]}";
    JsonPath answer = music().contentType(ContentType.JSON).body(body).post("/api/v1/labels")
        .then().statusCode(200)
        .body("teacherId", equalTo("video-teacher"))
        .body("labelled", equalTo(2)).body("refused", equalTo(2))
        .body("labels.exampleId", equalTo(List.of("r1", "r3")))
        .body("labels[0].labels.task", equalTo(List.of("listen", "listen_time", "continue")))
        .body("labels[0].labels.find { it.task == 'continue' }.serving", equalTo(false))
        .body("labels[0].labels.find { it.task == 'listen' }.space", equalTo("LOGIT"))
        .body("labels[0].provenance.mappingName", equalTo("api-listen"))
        .body("labels[0].provenance.alignmentName", equalTo("api-home"))
        .body("labels[0].provenance.alignmentVersion", equalTo(1))
        .body("labels[0].provenance.teacherHash", notNullValue())
        .body("labels[0].provenance.inputDataHash", notNullValue())
        .body("errors.index", equalTo(List.of(1, 3)))
        .body("errors[0].errors[0]", startsWith("/listen_minutes"))
        .extract().jsonPath();
    assertThat(answer.getList("errors[1].errors", String.class)).anyMatch(e -> e.contains("listen_minutes"));
  }

  @Test
  void labels_errors_missingRefs400_unknown404_otherTeam403_overLimit400() {
    music().contentType(ContentType.JSON).body(Map.of("records", List.of())).post("/api/v1/labels")
        .then().statusCode(400).body("errors[0].pointer", equalTo("/mapping"));
    music().contentType(ContentType.JSON)
        .body(Map.of("mapping", "no-such", "alignment", "api-home", "records", List.of()))
        .post("/api/v1/labels").then().statusCode(404);
    music().contentType(ContentType.JSON)
        .body(Map.of("mapping", "api-listen@x", "alignment", "api-home", "records", List.of()))
        .post("/api/v1/labels").then().statusCode(400);
    as(Fixtures.PODCAST_KEY).contentType(ContentType.JSON)
        .body(Map.of("mapping", "api-listen", "alignment", "api-home", "records", List.of()))
        .post("/api/v1/labels").then().statusCode(403);
    StringBuilder many = new StringBuilder("{\"mapping\": \"api-listen\", \"alignment\": \"api-home\", \"records\": [");
    for (int i = 0; i < 65; i++) {
      many.append(i == 0 ? "" : ",").append(Fixtures.record("r" + i, 1.0, "rock"));
    }
    music().contentType(ContentType.JSON).body(many + "]}").post("/api/v1/labels").then().statusCode(400)
        .body("errors[0].message", containsString("at most 64"));
  }

  @Test
  void labels_fromAvroBinary_equalLabelsFromJson() throws IOException {
    Schema schema = new Schema.Parser().parse(Fixtures.listenSchema(NS));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(schema);
    for (int i = 0; i < 3; i++) {
      GenericRecord record = new GenericData.Record(schema);
      record.put("id", "b" + i);
      record.put("listen_minutes", 0.5 + i);
      record.put("genre", i == 1 ? "pop" : "rock");
      writer.write(record, encoder);
    }
    encoder.flush();
    List<Float> avro = music().contentType("avro/binary").body(bytes.toByteArray())
        .queryParam("mapping", "api-listen@1").queryParam("alignment", "api-home@1")
        .post("/api/v1/labels").then().statusCode(200).body("labelled", equalTo(3))
        .extract().jsonPath().getList("labels.labels.flatten().value", Float.class);
    String json = "{\"mapping\": \"api-listen@1\", \"alignment\": \"api-home@1\", \"records\": ["
        + Fixtures.record("b0", 0.5, "rock") + "," + Fixtures.record("b1", 1.5, "pop") + ","
        + Fixtures.record("b2", 2.5, "rock") + "]}";
    List<Float> fromJson = music().contentType(ContentType.JSON).body(json).post("/api/v1/labels").then().statusCode(200)
        .extract().jsonPath().getList("labels.labels.flatten().value", Float.class);
    assertThat(avro).hasSize(9).isEqualTo(fromJson);
    music().contentType("avro/binary").body(new byte[] {2, 'x', 0x7f})
        .queryParam("mapping", "api-listen").queryParam("alignment", "api-home")
        .post("/api/v1/labels").then().statusCode(400).contentType("application/problem+json")
        .body("errors[0].message", containsString("record 0"));
  }

  @Test
  void cachedAnswer_equalsFreshAnswer() {
    String body = "{\"mapping\": \"api-listen\", \"alignment\": \"api-home\", \"records\": ["
        + Fixtures.record("c1", 1.25, "rock") + "," + Fixtures.record("c2", 2.75, "pop") + "]}";
    JsonPath fresh = music().contentType(ContentType.JSON).body(body).queryParam("cache", false)
        .post("/api/v1/labels").then().statusCode(200).body("cacheHits", equalTo(0)).extract().jsonPath();
    music().contentType(ContentType.JSON).body(body).post("/api/v1/labels").then().statusCode(200);
    JsonPath cached = music().contentType(ContentType.JSON).body(body).post("/api/v1/labels")
        .then().statusCode(200).body("cacheHits", equalTo(2)).extract().jsonPath();
    assertThat(cached.getList("labels", Map.class)).isEqualTo(fresh.getList("labels", Map.class));
  }

  @Test
  void alignment_lifecycle_validationFitAndLabels() {
    music().contentType(ContentType.JSON)
        .body(Fixtures.alignment("bad-align", "{\"type\": \"identity\"}").replace("\"head\": \"click\"", "\"head\": \"clicks\""))
        .post("/api/v1/alignments").then().statusCode(400).contentType("application/problem+json")
        .body("errors[0].pointer", startsWith("/tasks/0"));
    int platt = music().contentType(ContentType.JSON).body(Fixtures.alignment("api-calibrated", "{\"type\": \"platt\"}"))
        .post("/api/v1/alignments").then().statusCode(201).body("version", equalTo(1))
        .body("warnings", notNullValue()).extract().path("version");
    // not fitted yet: cannot label
    music().contentType(ContentType.JSON)
        .body(Map.of("mapping", "api-listen", "alignment", "api-calibrated@" + platt,
            "records", List.of(Map.of("id", "a", "listen_minutes", 1.0, "genre", "rock"))))
        .post("/api/v1/labels").then().statusCode(400);
    StringBuilder sample = new StringBuilder("{\"mapping\": \"api-listen\", \"version\": " + platt + ", \"sample\": [");
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    for (int i = 0; i < 60; i++) {
      double minutes = random.nextDouble() * 4;
      int label = random.nextDouble() < minutes / 4 ? 1 : 0;
      sample.append(i == 0 ? "" : ",").append("{\"record\": ").append(Fixtures.record("s" + i, minutes, i % 2 == 0 ? "rock" : "pop"))
          .append(", \"labels\": {\"listen\": ").append(label).append(", \"listen_time\": ").append(minutes).append("}}");
    }
    JsonPath fitted = music().contentType(ContentType.JSON).body(sample + "]}").post("/api/v1/alignments/api-calibrated/fit")
        .then().statusCode(201)
        .body("report.sampleSize", equalTo(60))
        .body("report.tasks.find { it.task == 'listen' }.fitted", equalTo(true))
        .body("attributes.fittedFrom", equalTo(String.valueOf(platt)))
        .body("attributes.fitReport", org.hamcrest.Matchers.nullValue())
        .extract().jsonPath();
    int fittedVersion = fitted.getInt("version");
    assertThat(fittedVersion).isGreaterThan(platt);
    music().get("/api/v1/alignments/api-calibrated/versions/" + fittedVersion).then().statusCode(200)
        .body("report.sampleSize", equalTo(60)).body("body.tasks[0].source.transform.a", notNullValue());
    music().contentType(ContentType.JSON)
        .body(Map.of("mapping", "api-listen", "alignment", "api-calibrated@" + fittedVersion,
            "records", List.of(Map.of("id", "a", "listen_minutes", 1.0, "genre", "rock"))))
        .post("/api/v1/labels").then().statusCode(200).body("labels[0].provenance.alignmentVersion", equalTo(fittedVersion));
    // a sample with a bad record and one too small are refused with reasons
    music().contentType(ContentType.JSON)
        .body("{\"mapping\": \"api-listen\", \"sample\": [{\"record\": {\"id\": \"x\"}, \"labels\": {\"listen\": 1}}]}")
        .post("/api/v1/alignments/api-calibrated/fit").then().statusCode(400)
        .body("errors.pointer", hasItem("/sample/0/record/listen_minutes"));
    music().contentType(ContentType.JSON)
        .body("{\"mapping\": \"api-listen\", \"version\": " + platt + ", \"sample\": [{\"record\": "
            + Fixtures.record("x", 1.0, "rock") + ", \"labels\": {\"listen\": 1}}]}")
        .post("/api/v1/alignments/api-calibrated/fit").then().statusCode(400).body("errors", notNullValue());
    music().get("/api/v1/alignments/api-calibrated/versions").then().statusCode(200)
        .body("version", hasItem(fittedVersion));
    music().get("/api/v1/alignments").then().statusCode(200).body("$", hasItem("api-calibrated"));
    music().post("/api/v1/alignments/api-calibrated/versions/" + fittedVersion + "/deprecate").then().statusCode(200);
    music().get("/api/v1/alignments/api-calibrated").then().statusCode(200).body("version", org.hamcrest.Matchers.lessThan(fittedVersion));
    as(Fixtures.PODCAST_KEY).get("/api/v1/alignments/api-calibrated").then().statusCode(403);
    music().get("/api/v1/alignments/none").then().statusCode(404);
  }

  @Test
  void metrics_arePrometheusText_withLabelsForwardTimeCacheAndLatency() {
    music().contentType(ContentType.JSON)
        .body(Map.of("mapping", "api-listen", "alignment", "api-home",
            "records", List.of(Map.of("id", "m", "listen_minutes", 0.75, "genre", "pop"))))
        .post("/api/v1/labels").then().statusCode(200);
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics)
        .contains("crossdistill_labels_produced_total")
        .contains("crossdistill_teacher_forward_seconds_bucket")
        .contains("cache_gets_total{cache=\"teacher-outputs\"")
        .contains("http_server_requests_seconds_bucket")
        .doesNotContain(Fixtures.MUSIC_KEY);
  }

  @Test
  void registryJournal_holdsEverythingTheApiRegistered_soARestartReadsItBack() {
    music().contentType(ContentType.JSON).body(Fixtures.mapping("restart-check", 7, NS)).post("/api/v1/mappings")
        .then().statusCode(201).body("version", equalTo(1));
    List<Integer> served = music().get("/api/v1/mappings/api-listen/versions").then().statusCode(200)
        .extract().jsonPath().getList("version", Integer.class);
    String latestBody = music().get("/api/v1/mappings/restart-check").then().statusCode(200).extract().path("contentHash");
    // a second registry over the same journal is what the next start of the service reads
    java.nio.file.Path journal = ServiceTestResource.dataDir().resolve(
        io.crossdistill.teacher.service.RegistryProducer.JOURNAL_FILE);
    try (io.crossdistill.teacher.registry.VersionedRegistry restarted = new io.crossdistill.teacher.registry.VersionedRegistry(
        new io.crossdistill.teacher.registry.JournalRegistryLog(journal), java.time.Clock.systemUTC()).open()) {
      var kind = io.crossdistill.teacher.registry.ResourceKind.MAPPING;
      assertThat(restarted.versions(kind, "api-listen")).extracting(v -> v.version()).isEqualTo(served);
      assertThat(restarted.latest(kind, "restart-check").orElseThrow().contentHash()).isEqualTo(latestBody);
      assertThat(restarted.owner(kind, "restart-check")).contains("music");
      assertThat(restarted.latest(io.crossdistill.teacher.registry.ResourceKind.TEACHER, "video-teacher")).isPresent();
      assertThat(restarted.latest(io.crossdistill.teacher.registry.ResourceKind.SCHEMA, LISTEN)).isPresent();
    }
  }

  @Test
  void labels_forAMappingPinnedToAnotherTeacherVersion_are409_whileAnIdOnlyMappingFollowsTheNewVersion() {
    TestTeacher.ensureSecondVersion();
    String first = music().get("/api/v1/teachers").then().statusCode(200)
        .extract().path("find { it.id == 'video-teacher' && it.serving }.contentHash");
    String pinned = Fixtures.mapping("pinned-to-v1", 10, NS).replace("{\"id\": \"video-teacher\"}",
        "{\"id\": \"video-teacher\", \"contentHash\": \"" + first + "\"}");
    music().contentType(ContentType.JSON).body(pinned).post("/api/v1/mappings").then().statusCode(201)
        .body("version", equalTo(1));
    Map<String, Object> records = Map.of("id", "a", "listen_minutes", 1.0, "genre", "rock");
    Map<String, Object> viaPinned = Map.of("mapping", "pinned-to-v1", "alignment", "api-home@1", "records", List.of(records));
    Map<String, Object> viaIdOnly = Map.of("mapping", "api-listen@1", "alignment", "api-home@1", "records", List.of(records));
    try {
      TestTeacher.serveSecondVersion();
      String second = music().get("/api/v1/teachers").then().statusCode(200)
          .extract().path("find { it.id == 'video-teacher' && it.serving }.contentHash");
      assertThat(second).isNotEqualTo(first);
      music().contentType(ContentType.JSON).body(viaPinned).post("/api/v1/labels").then().statusCode(409)
          .contentType("application/problem+json").body("detail", containsString("pinned-to-v1@1"));
      music().contentType(ContentType.JSON).body(viaIdOnly).post("/api/v1/labels").then().statusCode(200)
          .body("teacherHash", equalTo(second)).body("labels[0].provenance.teacherHash", equalTo(second));
    } finally {
      TestTeacher.ensureServing();
    }
    music().contentType(ContentType.JSON).body(viaPinned).post("/api/v1/labels").then().statusCode(200)
        .body("labelled", equalTo(1)).body("teacherHash", equalTo(first));
  }

  @Test
  void problemAnswers_haveTheProblemShape() {
    music().get("/api/v1/mappings/absent").then().statusCode(404).contentType("application/problem+json")
        .body("type", equalTo("about:blank")).body("title", equalTo("Not Found")).body("status", equalTo(404))
        .body("detail", containsString("absent"));
    music().get("/api/v1/schemas/absent/versions").then().statusCode(404).body("errors", org.hamcrest.Matchers.nullValue());
    music().get("/api/v1/teachers").then().statusCode(200).body("$", hasSize(greaterThanOrEqualTo(1)))
        .body("serving", everyItem(notNullValue()));
  }
}
