package io.crossdistill.teacher.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.crossdistill.teacher.ServiceTestResource;
import io.crossdistill.teacher.TestTeacher;
import io.crossdistill.teacher.service.RegistryProducer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Authentication and team access on every operation of the service's OpenAPI document: each one is called
 * without a key, with a wrong key and with another team's key on the music team's objects. An operation added
 * to the API without authentication, or one whose path parameters or body this test does not know, fails it:
 * the allow-lists below are the whole of what may be reached otherwise, and adding to them is a security
 * decision. The rule for another team's key (docs/security.md): an object that exists but belongs to another
 * team is 403 problem+json; collections answer only the caller's own; teachers are read by every team and
 * registered by operator teams only.
 */
@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
class EdgeAuthenticationTest {

  private static final String PROBLEM = "application/problem+json";
  /** Operations of the document callable without a key. None: the document describes only the API. */
  private static final Set<String> PUBLIC_OPERATIONS = Set.of();
  /** Endpoints outside the API that answer without a key: health, the OpenAPI document, Swagger UI, metrics. */
  private static final List<String> PUBLIC_ENDPOINTS = List.of("/q/health", "/q/health/live", "/q/health/ready",
      "/q/openapi", "/q/swagger-ui/", "/q/metrics");
  /** Operations every team may call on shared resources: teachers are read by all. */
  private static final Set<String> SHARED_READS = Set.of("GET /api/v1/teachers", "GET /api/v1/teachers/{id}");
  /** Collections: another team gets 200 and its own items, never the music team's. */
  private static final Set<String> OWN_LISTS = Set.of("GET /api/v1/schemas", "GET /api/v1/mappings",
      "GET /api/v1/alignments", "GET /api/v1/backfills", "GET /api/v1/label-sets", "GET /api/v1/streams",
      "GET /api/v1/reports");

  /** The caller's own identity: every team gets 200 and its own name. */
  private static final Set<String> CALLER_READS = Set.of("GET /api/v1/me");
  /**
   * Validations: 200 for every team, answering what registering would; another team's spec is not valid for
   * the caller, and neither the version it holds nor the next one is shown.
   */
  private static final Set<String> VALIDATIONS = Set.of("POST /api/v1/mappings/validation",
      "POST /api/v1/alignments/validation");

  private static MusicObjects objects;
  /** A student report the music team published, its students taught by the music team's label set. */
  private static String report;

  @BeforeEach
  void registerTheMusicTeamsObjects() {
    TestTeacher.ensureServing();
    if (objects == null) {
      objects = MusicObjects.register("auth");
      ReportRuns.publish("music", "auth-run", java.time.Instant.parse("2026-11-30T12:00:00Z"),
          java.util.Optional.of(ReportRuns.metrics("auth run")), java.util.Optional.of(objects.labelSet()));
      report = "music~auth-run";
    }
  }

  @Test
  void everyOperation_withoutAKeyOrWithAWrongOne_is401ProblemJson() {
    List<Operation> operations = operations();
    assertThat(operations).extracting(Operation::toString).contains("POST /api/v1/labels", "POST /api/v1/teachers",
        "POST /api/v1/schemas", "POST /api/v1/backfills/{id}/cancel");
    for (Operation op : operations) {
      if (PUBLIC_OPERATIONS.contains(op.toString())) {
        continue;
      }
      assertThat(op.path()).as("%s is outside /api/, where no key is asked for: add it to PUBLIC_OPERATIONS only "
          + "if it must be public", op).startsWith("/api/");
      unauthorized(op, given(), "no key");
      unauthorized(op, given().header("X-Api-Key", Fixtures.MUSIC_KEY + "x"), "a wrong key");
      unauthorized(op, given().header("X-Api-Key", ""), "an empty key");
      unauthorized(op, given().header("Authorization", "Bearer " + Fixtures.PODCAST_KEY.toUpperCase()), "a wrong bearer key");
      unauthorized(op, given().header("Authorization", "Basic " + Fixtures.MUSIC_KEY), "a key not sent as a bearer");
    }
  }

  @Test
  void theDocument_saysEveryApiOperationNeedsAKey_inTheHeaderOrAsABearerToken() {
    var document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
    assertThat(document.getString("components.securitySchemes.ApiKey.type")).isEqualTo("apiKey");
    assertThat(document.getString("components.securitySchemes.ApiKey.in")).isEqualTo("header");
    assertThat(document.getString("components.securitySchemes.ApiKey.name")).isEqualTo("X-Api-Key");
    assertThat(document.getString("components.securitySchemes.Bearer.scheme")).isEqualTo("bearer");
    for (Operation op : operations()) {
      if (!PUBLIC_OPERATIONS.contains(op.toString())) {
        assertThat(op.security()).as("%s: its security requirements", op).containsExactlyInAnyOrder("ApiKey", "Bearer");
      }
    }
  }

  @Test
  void publicEndpoints_answerWithoutAKey_andAreNotOperationsOfTheApi() {
    for (String endpoint : PUBLIC_ENDPOINTS) {
      assertThat(given().get(endpoint).statusCode()).as(endpoint).isEqualTo(200);
    }
    assertThat(operations()).noneMatch(op -> op.path().startsWith("/q/"));
  }

  @Test
  void everyOperation_withAnotherTeamsKeyOnTheMusicTeamsObjects_isRefusedAndChangesNothing() throws IOException {
    Snapshot before = snapshot();
    List<String> checked = new ArrayList<>();
    for (Operation op : operations()) {
      String name = op.toString();
      if (PUBLIC_OPERATIONS.contains(name)) {
        continue;
      }
      Response answer = op.send(given().header("X-Api-Key", Fixtures.PODCAST_KEY), body(op));
      String shown = name + " as podcast: " + answer.asString();
      if (SHARED_READS.contains(name)) {
        assertThat(answer.statusCode()).as(shown).isEqualTo(200);
      } else if (CALLER_READS.contains(name)) {
        assertThat(answer.statusCode()).as(shown).isEqualTo(200);
        assertThat(answer.jsonPath().getString("team")).as(shown).isEqualTo("podcast");
      } else if (VALIDATIONS.contains(name)) {
        assertThat(answer.statusCode()).as(shown).isEqualTo(200);
        assertThat(answer.jsonPath().getBoolean("valid")).as(shown).isFalse();
        assertThat(answer.jsonPath().getList("errors.message", String.class)).as(shown)
            .anyMatch(m -> m.contains("belongs to another team"));
        assertThat(answer.jsonPath().<Object>get("identicalTo")).as(shown).isNull();
        assertThat(answer.jsonPath().<Object>get("nextVersion")).as(shown).isNull();
      } else if (OWN_LISTS.contains(name)) {
        assertThat(answer.statusCode()).as(shown).isEqualTo(200);
        assertThat(answer.asString()).as(shown).doesNotContain(objects.schema(), objects.mapping(), objects.alignment(),
            objects.backfill(), objects.labelSet(), report);
      } else {
        assertThat(answer.statusCode()).as(shown).isEqualTo(403);
        assertThat(answer.contentType()).as(shown).startsWith(PROBLEM);
        assertThat(answer.jsonPath().getInt("status")).as(shown).isEqualTo(403);
      }
      checked.add(name);
    }
    assertThat(snapshot()).as("the registry, the jobs and the label store after another team's requests")
        .isEqualTo(before);
    // the filled paths name real objects of the music team: its own key reads every one of them
    for (Operation op : operations()) {
      if (op.method().equals("GET")) {
        Response own = op.send(given().header("X-Api-Key", Fixtures.MUSIC_KEY), null);
        assertThat(own.statusCode()).as(op + " as music: " + own.asString()).isEqualTo(200);
      }
    }
    assertThat(checked).hasSizeGreaterThanOrEqualTo(20);
  }

  @Test
  void pathVariantsOfAnApiPath_withoutAKey_neverReachAResource() {
    List<String> variants = List.of("//api/v1/schemas", "/api//v1/schemas", "/api/v1//schemas", "/api/v1/./schemas",
        "/./api/v1/schemas", "/x/../api/v1/schemas", "/api/v1/x/../schemas", "/%61pi/v1/schemas", "/api/v1/%73chemas",
        "/api%2Fv1%2Fschemas", "/api;a=b/v1/schemas", "/api/v1;a=b/schemas", "/api/v1/schemas;a=b", "/api/v1/schemas/",
        "/api/v1/schemas?x=/q/health", "/API/v1/schemas", "/api/v1/schemas/" + objects.schema() + "/versions/%31");
    for (String variant : variants) {
      Response answer = given().urlEncodingEnabled(false).get(variant);
      assertThat(answer.statusCode()).as(variant + ": " + answer.asString()).isIn(401, 404);
      assertThat(answer.asString()).as(variant).doesNotContain(objects.schema());
    }
  }

  private static void unauthorized(Operation op, RequestSpecification request, String what) {
    Response answer = op.send(request, body(op));
    String shown = op + " with " + what + ": " + answer.asString();
    assertThat(answer.statusCode()).as(shown).isEqualTo(401);
    assertThat(answer.contentType()).as(shown).startsWith(PROBLEM);
    assertThat(answer.jsonPath().getInt("status")).as(shown).isEqualTo(401);
    assertThat(answer.header("WWW-Authenticate")).as(shown).isNotNull();
  }

  /** One operation of the document, its path parameters filled with the music team's objects. */
  private record Operation(String method, String path, boolean hasBody, List<String> security) {

    Response send(RequestSpecification request, Object body) {
      RequestSpecification spec = request.urlEncodingEnabled(false);
      if (hasBody) {
        spec = spec.contentType(ContentType.JSON).body(body == null ? Map.of() : body);
      }
      return spec.request(method, filled());
    }

    String filled() {
      String[] parts = path.split("/");
      String collection = parts.length > 3 ? parts[3] : "";
      StringBuilder filled = new StringBuilder();
      for (String part : parts) {
        if (part.isEmpty()) {
          continue;
        }
        filled.append('/');
        if (part.startsWith("{") && part.endsWith("}")) {
          String value = parameter(collection, part.substring(1, part.length() - 1));
          if (value == null) {
            fail("%s: no music team object for path parameter %s; say in this test which object it names", this, part);
          }
          filled.append(value);
        } else {
          filled.append(part);
        }
      }
      return filled.toString();
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private static String parameter(String collection, String name) {
    Map<String, Map<String, String>> values = Map.of(
        "schemas", Map.of("name", objects.schema(), "version", "1"),
        "mappings", Map.of("name", objects.mapping(), "version", "1"),
        "alignments", Map.of("name", objects.alignment(), "version", "1"),
        "backfills", Map.of("id", objects.backfill()),
        "label-sets", Map.of("id", objects.labelSet()),
        "reports", Map.of("id", report),
        "teachers", Map.of("id", io.crossdistill.teacher.TeacherFixture.TEACHER_ID));
    return values.getOrDefault(collection, Map.of()).get(name);
  }

  /**
   * The body another team sends to an operation that takes one: a valid request naming the music team's
   * objects, so that only access can refuse it. An operation with a body this test does not know fails it.
   */
  private static Object body(Operation op) {
    if (!op.hasBody()) {
      return null;
    }
    Map<String, Function<MusicObjects, Object>> bodies = Map.ofEntries(
        Map.entry("POST /api/v1/schemas", o -> Fixtures.listenSchemaV2("com.music." + o.prefix())),
        Map.entry("POST /api/v1/mappings", o -> Fixtures.mapping(o.mapping(), 5, "com.music." + o.prefix())),
        Map.entry("POST /api/v1/alignments", o -> Fixtures.alignment(o.alignment(), "{\"type\": \"platt\"}")),
        Map.entry("POST /api/v1/mappings/validation", o -> Fixtures.mapping(o.mapping(), 10, "com.music." + o.prefix())),
        Map.entry("POST /api/v1/alignments/validation", o -> Fixtures.alignment(o.alignment(), "{\"type\": \"identity\"}")),
        Map.entry("POST /api/v1/mappings/{name}/coverage", o -> Map.of("records", List.of(MusicObjects.record("c")))),
        Map.entry("POST /api/v1/alignments/{name}/fit", o -> Map.of("mapping", o.mapping(), "sample",
            List.of(Map.of("record", MusicObjects.record("f"), "labels", Map.of("listen", 1))))),
        Map.entry("POST /api/v1/labels", o -> Map.of("mapping", o.mapping(), "alignment", o.alignment(),
            "records", List.of(MusicObjects.record("l")))),
        Map.entry("POST /api/v1/backfills", o -> MusicObjects.backfillRequest(o.mapping(), o.alignment(), o.input())),
        Map.entry("POST /api/v1/teachers", o -> Map.of("path", TestTeacher.DIR, "serve", true)));
    Function<MusicObjects, Object> body = bodies.get(op.toString());
    if (body == null) {
      fail("%s takes a body this test does not know: add a valid one naming the music team's objects", op);
    }
    return body.apply(objects);
  }

  private static List<Operation> operations() {
    Map<String, Map<String, Map<String, Object>>> paths = given().queryParam("format", "json").get("/q/openapi")
        .then().statusCode(200).extract().jsonPath().getMap("paths");
    List<Operation> operations = new ArrayList<>();
    new TreeMap<>(paths).forEach((path, methods) -> methods.forEach((method, operation) -> {
      if (Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace").contains(method)) {
        List<String> security = new ArrayList<>();
        if (operation.get("security") instanceof List<?> requirements) {
          requirements.forEach(r -> security.addAll(((Map<?, ?>) r).keySet().stream().map(String::valueOf).toList()));
        }
        operations.add(new Operation(method.toUpperCase(), path, operation.containsKey("requestBody"), security));
      }
    }));
    assertThat(operations).as("operations of /q/openapi").isNotEmpty();
    return operations;
  }

  /** What another team's request could change: the registry journal, the job records, the label store. */
  private record Snapshot(byte[] journal, Map<String, String> jobs, List<String> labelSets) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Snapshot s && java.util.Arrays.equals(journal, s.journal) && jobs.equals(s.jobs)
          && labelSets.equals(s.labelSets);
    }

    @Override
    public int hashCode() {
      return jobs.hashCode();
    }

    @Override
    public String toString() {
      return journal.length + " journal bytes, jobs " + jobs.keySet() + ", label sets " + labelSets;
    }
  }

  private static Snapshot snapshot() throws IOException {
    Path data = ServiceTestResource.dataDir();
    Map<String, String> jobs = new TreeMap<>();
    try (Stream<Path> files = Files.list(data.resolve("backfills"))) {
      for (Path file : files.toList()) {
        jobs.put(file.getFileName().toString(), Files.readString(file));
      }
    }
    List<String> sets;
    try (Stream<Path> dirs = Files.list(data.resolve("label-sets"))) {
      sets = dirs.map(p -> p.getFileName().toString()).sorted().toList();
    }
    return new Snapshot(Files.readAllBytes(data.resolve(RegistryProducer.JOURNAL_FILE)), jobs, sets);
  }
}
