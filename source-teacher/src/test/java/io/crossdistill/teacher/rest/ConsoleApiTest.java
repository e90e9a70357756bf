package io.crossdistill.teacher.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.crossdistill.teacher.ServiceTestResource;
import io.crossdistill.teacher.TestTeacher;
import io.crossdistill.teacher.console.ConsoleRoutes;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST additions the web console uses, through real HTTP against the fixture teacher: who a key signs in
 * as, spec validation that answers exactly what registering the same text answers, the stream list for
 * every team, and the console's static files with their redirect and security headers.
 */
@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
class ConsoleApiTest {

  /** This class's own schema namespace: no other class registers it in the shared service. */
  private static final String NS = "com.music.console";
  private static boolean registered;
  /** Numbers read as the doubles the service wrote, not rounded to floats. */
  private static final JsonPathConfig DOUBLES = JsonPathConfig.jsonPathConfig()
      .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE);

  private static RequestSpecification as(String key) {
    return given().header("X-Api-Key", key);
  }

  @BeforeEach
  void registerTheSchema() {
    TestTeacher.ensureServing();
    if (!registered) {
      as(Fixtures.MUSIC_KEY).contentType(ContentType.JSON).body(Fixtures.listenSchema(NS)).post("/api/v1/schemas")
          .then().statusCode(201);
      registered = true;
    }
  }

  @Test
  void me_namesTheCallersTeam_andWhetherItIsAnOperator() {
    as(Fixtures.MUSIC_KEY).get("/api/v1/me").then().statusCode(200).contentType(ContentType.JSON)
        .body("team", equalTo("music")).body("operator", equalTo(false));
    as(Fixtures.OPS_KEY).get("/api/v1/me").then().statusCode(200).body("team", equalTo("ops"))
        .body("operator", equalTo(true));
    given().get("/api/v1/me").then().statusCode(401).contentType("application/problem+json");
  }

  @Test
  void mappingValidation_ofANewValidSpec_isTheNextVersion_andThePostCreatesIt() {
    String spec = Fixtures.mapping("console-new", 10, NS);
    JsonPath first = validate("mappings", Fixtures.MUSIC_KEY, spec.getBytes(StandardCharsets.UTF_8));
    assertThat(first.getBoolean("valid")).isTrue();
    assertThat(first.getString("name")).isEqualTo("console-new");
    assertThat(first.getInt("nextVersion")).isEqualTo(1);
    assertThat(first.<Object>get("identicalTo")).isNull();
    assertThat(first.getList("errors")).isEmpty();
    assertThat(first.getList("warnings")).as("the fixture defaults half the inputs").isNotEmpty();
    Response created = post("mappings", Fixtures.MUSIC_KEY, spec.getBytes(StandardCharsets.UTF_8));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.jsonPath().getInt("version")).isEqualTo(1);
    assertThat(created.jsonPath().getList("warnings")).isEqualTo(first.getList("warnings"));

    JsonPath again = validate("mappings", Fixtures.MUSIC_KEY, spec.getBytes(StandardCharsets.UTF_8));
    assertThat(again.getBoolean("valid")).isTrue();
    assertThat(again.getInt("identicalTo")).isEqualTo(1);
    assertThat(again.<Object>get("nextVersion")).isNull();
    assertThat(post("mappings", Fixtures.MUSIC_KEY, spec.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);

    JsonPath changed = validate("mappings", Fixtures.MUSIC_KEY,
        Fixtures.mapping("console-new", 12, NS).getBytes(StandardCharsets.UTF_8));
    assertThat(changed.getInt("nextVersion")).isEqualTo(2);
    assertThat(changed.<Object>get("identicalTo")).isNull();
    assertThat(as(Fixtures.MUSIC_KEY).get("/api/v1/mappings/console-new/versions").then().statusCode(200)
        .extract().jsonPath().getList("version")).as("validation registers nothing").containsExactly(1);
  }

  @Test
  void mappingValidation_listsExactlyTheProblemsOfThePost_forEveryKindOfBadText() {
    String good = Fixtures.mapping("console-bad", 10, NS);
    Map<String, byte[]> texts = new java.util.LinkedHashMap<>();
    texts.put("three validation errors", Fixtures.badMapping(NS).getBytes(StandardCharsets.UTF_8));
    texts.put("broken JSON", good.substring(0, good.length() / 2).getBytes(StandardCharsets.UTF_8));
    texts.put("a trailing comma", "{\"name\": \"console-bad\",}".getBytes(StandardCharsets.UTF_8));
    texts.put("a duplicate key", good.replace("\"rules\"", "\"name\": \"again\", \"rules\"")
        .getBytes(StandardCharsets.UTF_8));
    texts.put("wrong types", good.replace("\"teacher\": {\"id\": \"video-teacher\"}", "\"teacher\": [\"video-teacher\"]")
        .replace("\"onMissing\": \"reject\"", "\"onMissing\": 7").getBytes(StandardCharsets.UTF_8));
    texts.put("an array", "[1, 2]".getBytes(StandardCharsets.UTF_8));
    texts.put("an empty text", new byte[0]);
    texts.put("an unknown schema", good.replace(NS + ".Listen", "com.music.nowhere.Listen")
        .getBytes(StandardCharsets.UTF_8));
    texts.put("an overlong UTF-8 form", overlong(good));
    for (Map.Entry<String, byte[]> text : texts.entrySet()) {
      Response posted = post("mappings", Fixtures.MUSIC_KEY, text.getValue());
      JsonPath validation = validate("mappings", Fixtures.MUSIC_KEY, text.getValue());
      String shown = text.getKey() + ": POST answered " + posted.asString() + "; validation " + validation.prettify();
      assertThat(posted.statusCode()).as(shown).isEqualTo(400);
      assertThat(validation.getBoolean("valid")).as(shown).isFalse();
      assertThat(validation.getList("errors")).as(shown).isNotEmpty()
          .isEqualTo(posted.jsonPath().getList("errors"));
      assertThat(validation.getList("warnings")).as(shown).isEqualTo(warnings(posted));
      assertThat(validation.<Object>get("nextVersion")).as(shown).isNull();
      assertThat(validation.<Object>get("identicalTo")).as(shown).isNull();
    }
    JsonPath bad = validate("mappings", Fixtures.MUSIC_KEY, Fixtures.badMapping(NS).getBytes(StandardCharsets.UTF_8));
    assertThat(bad.getList("errors.pointer")).contains("/rules/0/from");
    assertThat(bad.getString("name")).isEqualTo("broken");
    JsonPath duplicate = validate("mappings", Fixtures.MUSIC_KEY, texts.get("a duplicate key"));
    assertThat(duplicate.getString("errors[0].message")).contains("Duplicate field 'name'");
    assertThat(duplicate.getString("errors[0].pointer")).isEqualTo("/name");
    assertThat(validate("mappings", Fixtures.MUSIC_KEY, texts.get("wrong types")).getList("errors.pointer", String.class))
        .contains("/teacher");
    assertThat(validate("mappings", Fixtures.MUSIC_KEY, texts.get("broken JSON")).getString("errors[0].message"))
        .contains("line ");
  }

  @Test
  void mappingValidation_ofAnotherTeamsNameOrSchema_isTheRefusalOfThePost_atItsPointer() {
    String spec = Fixtures.mapping("console-owned", 10, NS);
    assertThat(post("mappings", Fixtures.MUSIC_KEY, spec.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
    // podcast sends the music team's spec: the schema is the music team's
    Response posted = post("mappings", Fixtures.PODCAST_KEY, spec.getBytes(StandardCharsets.UTF_8));
    JsonPath validation = validate("mappings", Fixtures.PODCAST_KEY, spec.getBytes(StandardCharsets.UTF_8));
    assertThat(posted.statusCode()).isEqualTo(403);
    assertThat(validation.getBoolean("valid")).isFalse();
    assertThat(validation.getList("errors")).isEqualTo(posted.jsonPath().getList("errors"));
    assertThat(validation.getString("errors[0].pointer")).isEqualTo("/targetSchema");
    assertThat(validation.<Object>get("identicalTo")).as("another team's versions are not shown").isNull();

    // podcast with a schema of its own, under the music team's mapping name
    String podcastNs = "com.podcast.console";
    as(Fixtures.PODCAST_KEY).contentType(ContentType.JSON).body(Fixtures.listenSchema(podcastNs))
        .post("/api/v1/schemas").then().statusCode(201);
    byte[] sameName = Fixtures.mapping("console-owned", 10, podcastNs).getBytes(StandardCharsets.UTF_8);
    Response postedName = post("mappings", Fixtures.PODCAST_KEY, sameName);
    JsonPath name = validate("mappings", Fixtures.PODCAST_KEY, sameName);
    assertThat(postedName.statusCode()).isEqualTo(403);
    assertThat(name.getList("errors")).isEqualTo(postedName.jsonPath().getList("errors"));
    assertThat(name.getString("errors[0].pointer")).isEqualTo("/name");
    assertThat(name.<Object>get("nextVersion")).isNull();
  }

  @Test
  void alignmentValidation_answersWhatThePostAnswers() {
    String spec = Fixtures.alignment("console-home", "{\"type\": \"platt\"}");
    JsonPath first = validate("alignments", Fixtures.MUSIC_KEY, spec.getBytes(StandardCharsets.UTF_8));
    assertThat(first.getBoolean("valid")).isTrue();
    assertThat(first.getString("name")).isEqualTo("console-home");
    assertThat(first.getInt("nextVersion")).isEqualTo(1);
    Response created = post("alignments", Fixtures.MUSIC_KEY, spec.getBytes(StandardCharsets.UTF_8));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.jsonPath().getList("warnings")).isEqualTo(first.getList("warnings"));
    assertThat(validate("alignments", Fixtures.MUSIC_KEY, spec.getBytes(StandardCharsets.UTF_8)).getInt("identicalTo"))
        .isEqualTo(created.jsonPath().getInt("version"));

    Map<String, String> bad = Map.of(
        "an unknown head", spec.replace("\"head\": \"click\"", "\"head\": \"no_such_head\""),
        "a kind that is not one", spec.replace("\"kind\": \"regression\"", "\"kind\": \"ordinal\""),
        "broken JSON", spec.substring(0, 40),
        "a duplicate key", spec.replace("\"tasks\"", "\"description\": \"twice\", \"tasks\""),
        "tasks of the wrong type", "{\"name\": \"console-home\", \"tasks\": {\"listen\": 1}}");
    for (Map.Entry<String, String> text : bad.entrySet()) {
      byte[] bytes = text.getValue().getBytes(StandardCharsets.UTF_8);
      Response posted = post("alignments", Fixtures.MUSIC_KEY, bytes);
      JsonPath validation = validate("alignments", Fixtures.MUSIC_KEY, bytes);
      String shown = text.getKey() + ": POST answered " + posted.asString() + "; validation " + validation.prettify();
      assertThat(posted.statusCode()).as(shown).isEqualTo(400);
      assertThat(validation.getBoolean("valid")).as(shown).isFalse();
      assertThat(validation.getList("errors")).as(shown).isNotEmpty().isEqualTo(posted.jsonPath().getList("errors"));
      assertThat(validation.getList("warnings")).as(shown).isEqualTo(warnings(posted));
    }
    assertThat(validate("alignments", Fixtures.MUSIC_KEY, bad.get("an unknown head").getBytes(StandardCharsets.UTF_8))
        .getList("errors.pointer", String.class)).contains("/tasks/0/source/head");
  }

  @Test
  void validation_withoutAKey_is401_andOverTheBodyLimit_is413() {
    given().contentType(ContentType.JSON).body("{}").post("/api/v1/mappings/validation").then().statusCode(401);
    given().contentType(ContentType.JSON).body("{}").post("/api/v1/alignments/validation").then().statusCode(401);
    byte[] large = new byte[2 * 1024 * 1024];
    java.util.Arrays.fill(large, (byte) ' ');
    as(Fixtures.MUSIC_KEY).contentType(ContentType.JSON).body(large).post("/api/v1/mappings/validation").then()
        .statusCode(413).contentType("application/problem+json");
  }

  @Test
  void coverage_drift_carriesTheTeachersEdgesAndBothHistograms() {
    as(Fixtures.MUSIC_KEY).contentType(ContentType.JSON).body(Fixtures.mapping("console-coverage", 10, NS))
        .post("/api/v1/mappings").then().statusCode(201);
    double[] minutes = {0.0, 1.0, 2.5, 3.5, 9.0, 9.5};
    StringBuilder records = new StringBuilder("{\"records\": [");
    for (int i = 0; i < minutes.length; i++) {
      records.append(i == 0 ? "" : ",").append(Fixtures.record("c" + i, minutes[i], "rock"));
    }
    JsonPath drift = as(Fixtures.MUSIC_KEY).contentType(ContentType.JSON).body(records.append("]}").toString())
        .post("/api/v1/mappings/console-coverage/coverage").then().statusCode(200).extract().jsonPath()
        .using(DOUBLES).setRootPath("inputs.find { it.input == 'watch_minutes' }.drift");
    // the version the coverage was computed with: the serving one (other test classes serve newer versions)
    int serving = as(Fixtures.MUSIC_KEY).get("/api/v1/teachers").then().statusCode(200).extract().jsonPath()
        .getInt("find { it.id == 'video-teacher' && it.serving }.version");
    JsonPath stats = as(Fixtures.MUSIC_KEY).get("/api/v1/teachers/video-teacher?version=" + serving).then()
        .statusCode(200).extract().jsonPath().using(DOUBLES)
        .setRootPath("inputs.find { it.name == 'watch_minutes' }.statistics");

    List<Double> inner = stats.getList("binEdges", Double.class);
    List<Double> edges = drift.getList("edges", Double.class);
    assertThat(edges).hasSize(inner.size() + 2);
    assertThat(edges.subList(1, edges.size() - 1)).isEqualTo(inner);
    assertThat(edges.get(0)).isEqualTo(Math.min(stats.getDouble("min"), inner.get(0)));
    assertThat(edges.get(edges.size() - 1)).isEqualTo(Math.max(stats.getDouble("max"), inner.get(inner.size() - 1)));
    assertThat(drift.getList("teacherFractions", Double.class)).isEqualTo(stats.getList("binFractions", Double.class));
    List<Double> mapped = drift.getList("mappedFractions", Double.class);
    assertThat(mapped).hasSize(inner.size() + 1);
    double[] expected = new double[inner.size() + 1];
    for (double m : minutes) {
      // bin k holds the values with exactly k inner edges at or below them
      expected[(int) inner.stream().filter(e -> e <= m).count()] += 1.0 / minutes.length;
    }
    for (int k = 0; k < expected.length; k++) {
      assertThat(mapped.get(k)).as("bin %d", k).isCloseTo(expected[k], org.assertj.core.api.Assertions.within(1e-12));
    }
    assertThat(drift.getDouble("psi")).isPositive();
  }

  @Test
  void fitReport_calibrationCurves_areTheBinsOfItsEce_andStayWithTheVersion() {
    as(Fixtures.MUSIC_KEY).contentType(ContentType.JSON).body(Fixtures.mapping("console-fit", 10, NS))
        .post("/api/v1/mappings").then().statusCode(201);
    as(Fixtures.MUSIC_KEY).contentType(ContentType.JSON).body(Fixtures.alignment("console-fit", "{\"type\": \"platt\"}"))
        .post("/api/v1/alignments").then().statusCode(201);
    StringBuilder sample = new StringBuilder("{\"mapping\": \"console-fit\", \"version\": 1, \"sample\": [");
    java.util.SplittableRandom random = new java.util.SplittableRandom(5);
    for (int i = 0; i < 80; i++) {
      double minutes = random.nextDouble() * 4;
      int label = random.nextDouble() < minutes / 4 ? 1 : 0;
      sample.append(i == 0 ? "" : ",").append("{\"record\": ").append(Fixtures.record("s" + i, minutes, "rock"))
          .append(", \"labels\": {\"listen\": ").append(label).append(", \"listen_time\": ").append(minutes)
          .append("}}");
    }
    Response fitted = as(Fixtures.MUSIC_KEY).contentType(ContentType.JSON).body(sample.append("]}").toString())
        .post("/api/v1/alignments/console-fit/fit");
    assertThat(fitted.statusCode()).as(fitted.asString()).isEqualTo(201);
    int version = fitted.jsonPath().getInt("version");
    JsonPath stored = as(Fixtures.MUSIC_KEY).get("/api/v1/alignments/console-fit/versions/" + version).then()
        .statusCode(200).extract().jsonPath().using(DOUBLES);
    JsonPath answered = fitted.jsonPath().using(DOUBLES);
    for (JsonPath report : List.of(answered, stored)) {
      String listen = "report.tasks.find { it.task == 'listen' }.";
      for (String side : List.of("Before", "After")) {
        List<Map<String, Object>> bins = report.getList(listen + "calibration" + side);
        assertThat(bins).as(side).isNotEmpty();
        assertThat(bins).as(side).allSatisfy(b -> assertThat(b).containsOnlyKeys("lower", "upper", "count",
            "meanPredicted", "observedRate"));
        assertThat(bins.stream().mapToInt(b -> ((Number) b.get("count")).intValue()).sum()).isEqualTo(80);
        double ece = bins.stream().mapToDouble(b -> ((Number) b.get("count")).doubleValue() / 80
            * Math.abs(((Number) b.get("meanPredicted")).doubleValue() - ((Number) b.get("observedRate")).doubleValue()))
            .sum();
        assertThat(ece).as(side).isCloseTo(report.getDouble(listen + "ece" + side),
            org.assertj.core.api.Assertions.within(1e-9));
      }
      assertThat(report.getList("report.tasks.find { it.task == 'listen_time' }.calibrationAfter")).isEmpty();
    }
  }

  @Test
  void schemaVersions_sayHowEachDiffersFromTheOneBefore() {
    String ns = "com.music.console.compat";
    String name = ns + ".Listen";
    as(Fixtures.MUSIC_KEY).contentType(ContentType.JSON).body(Fixtures.listenSchema(ns)).post("/api/v1/schemas")
        .then().statusCode(201).body("version", equalTo(1));
    as(Fixtures.MUSIC_KEY).contentType(ContentType.JSON).body(Fixtures.listenSchemaV2(ns)).post("/api/v1/schemas")
        .then().statusCode(201).body("version", equalTo(2))
        .body("compatibility.with", equalTo(1)).body("compatibility.added", equalTo(List.of("country")));
    // v3: drops 'skipped', lets 'genre' be null, gives 'country' another default
    String v3 = """
        {"type": "record", "name": "Listen", "namespace": "%s", "fields": [
          {"name": "id", "type": "string"},
          {"name": "listen_minutes", "type": "double"},
          {"name": "genre", "type": ["string", "null"], "default": "unknown"},
          {"name": "country", "type": "string", "default": "gb"}
        ]}""".formatted(ns);
    as(Fixtures.MUSIC_KEY).contentType(ContentType.JSON).body(v3).post("/api/v1/schemas").then().statusCode(201)
        .body("version", equalTo(3));

    JsonPath versions = as(Fixtures.MUSIC_KEY).get("/api/v1/schemas/" + name + "/versions").then().statusCode(200)
        .extract().jsonPath();
    assertThat(versions.getList("version", Integer.class)).containsExactly(1, 2, 3);
    assertThat(versions.getMap("[0]")).as("a first version: compatibility is null").containsEntry("compatibility", null);
    assertThat(versions.getMap("[1].compatibility")).isEqualTo(Map.of("with", 1, "compatible", true,
        "added", List.of("country"), "removed", List.of(), "changed", List.of()));
    assertThat(versions.getMap("[2].compatibility")).isEqualTo(Map.of("with", 2, "compatible", true,
        "added", List.of(), "removed", List.of("skipped"), "changed", List.of("genre", "country")));
    as(Fixtures.MUSIC_KEY).get("/api/v1/schemas/" + name + "/versions/2").then().statusCode(200)
        .body("compatibility.added", equalTo(List.of("country")));
    as(Fixtures.MUSIC_KEY).contentType(ContentType.JSON).body(Fixtures.mapping("console-compat", 10, NS))
        .post("/api/v1/mappings").then().statusCode(201);
    as(Fixtures.MUSIC_KEY).get("/api/v1/mappings/console-compat/versions").then().statusCode(200)
        .body("[0]", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("compatibility")));
  }

  @Test
  void streams_withNoStreamConfigured_isAnEmptyListForEveryTeam() {
    for (String key : List.of(Fixtures.MUSIC_KEY, Fixtures.PODCAST_KEY, Fixtures.OPS_KEY)) {
      as(key).get("/api/v1/streams").then().statusCode(200).contentType(ContentType.JSON).body("size()", equalTo(0));
    }
  }

  @Test
  void console_withoutTheSlash_redirectsToTheConsole() {
    Response answer = given().redirects().follow(false).get("/console");
    assertThat(answer.statusCode()).isEqualTo(302);
    assertThat(answer.header("Location")).endsWith("/console/");
    assertThat(given().redirects().follow(false).get("/console?next=schemas.html").header("Location"))
        .endsWith("/console/?next=schemas.html");
  }

  @Test
  void consoleFiles_areServedWithoutAKey_withTheContentSecurityPolicy() {
    Response page = given().get("/console/edge-check.html");
    assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.asString()).contains("A test-only page");
    ConsoleRoutes.HEADERS.forEach((name, value) -> assertThat(page.header(name)).as(name).isEqualTo(value));
    assertThat(page.header("Content-Security-Policy")).isEqualTo("default-src 'self'; script-src 'self'; "
        + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; frame-src 'self' blob:; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(page.header("Cache-Control")).as("pages revalidate after an upgrade").isEqualTo("no-cache");

    Response missing = given().get("/console/no-such-page.html");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.contentType()).startsWith("application/problem+json");
    assertThat(missing.header("Content-Security-Policy")).isNotNull();
    assertThat(given().get("/api/v1/schemas").header("Content-Security-Policy"))
        .as("the policy is the console's, not the API's").isNull();
  }

  private static JsonPath validate(String kind, String key, byte[] text) {
    Response answer = as(key).contentType(ContentType.JSON).body(text).post("/api/v1/" + kind + "/validation");
    assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
    assertThat(answer.contentType()).startsWith("application/json");
    return answer.jsonPath();
  }

  /** The warnings of a problem answer, which leaves the list out when there are none. */
  private static List<Object> warnings(Response problem) {
    List<Object> warnings = problem.jsonPath().getList("warnings");
    return warnings == null ? List.of() : warnings;
  }

  private static Response post(String kind, String key, byte[] text) {
    return as(key).contentType(ContentType.JSON).body(text).post("/api/v1/" + kind);
  }

  /** {@code text} with an overlong form of '/' (C0 AF) in its name, which strict UTF-8 refuses. */
  private static byte[] overlong(String text) {
    byte[] bytes = text.replace("\"name\": \"", "\"name\": \"\u0001").getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 1) {
        byte[] out = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, out, 0, i);
        out[i] = (byte) 0xC0;
        out[i + 1] = (byte) 0xAF;
        System.arraycopy(bytes, i + 1, out, i + 2, bytes.length - i - 1);
        return out;
      }
    }
    throw new IllegalStateException("no name in " + text);
  }
}
