package io.crossdistill.teacher.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.crossdistill.teacher.ServiceTestResource;
import io.crossdistill.teacher.TestTeacher;
import io.crossdistill.teacher.backfill.ListenFiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every path a caller names stays under its root: teacher registrations under the teachers root, backfill
 * inputs under {@code crossdistill.backfill.data-root}, label-set ids and every path parameter under
 * nothing at all (they are names, never paths). Climbing out ({@code ..}, percent-encoded dots, absolute
 * paths) and symbolic links that lead out are refused with problem+json, and nothing outside is read: the
 * files planted outside for the test never show in an answer, and nothing is registered or queued.
 */
@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
class PathConfinementTest {

  private static final String PROBLEM = "application/problem+json";
  /** Written into every file planted outside the roots; an answer holding it read one of them. */
  private static final String MARKER = "planted-outside-the-root";

  private static MusicObjects objects;
  private static Path outside;

  @BeforeEach
  void plantFilesOutsideTheRoots() throws IOException {
    TestTeacher.ensureServing();
    if (objects != null) {
      return;
    }
    objects = MusicObjects.register("confined");
    outside = Files.createTempDirectory("crossdistill-outside-roots");
    // a valid teacher artifact, a readable Avro file of another schema and a label set, all outside their roots
    copyTree(ServiceTestResource.teachersRoot().resolve(TestTeacher.DIR), outside.resolve("teacher"));
    String schema = Fixtures.listenSchema("com.music.confined").replace("\"Listen\"", "\"PlantedOutsideTheRoot\"");
    ListenFiles.write(outside.resolve(MARKER + ".avro"), new Schema.Parser().parse(schema), 4, 100);
    Path set = ServiceTestResource.dataDir().resolve("label-sets").resolve(objects.labelSet());
    copyTree(set, ServiceTestResource.dataDir().resolve(MARKER));
    Path manifest = ServiceTestResource.dataDir().resolve(MARKER).resolve("manifest.json");
    Files.writeString(manifest, Files.readString(manifest).replace(objects.mapping(), MARKER));
    // and a report page beside the reports root: a report id that climbed out of it would serve this one
    Files.writeString(ServiceTestResource.dataDir().resolve(MARKER).resolve("report.html"),
        "{\"title\": \"" + MARKER + "\"}");
  }

  @Test
  void teacherRegistration_outsideTheTeachersRoot_isRefused_andRegistersNothing() throws IOException {
    Path root = ServiceTestResource.teachersRoot();
    Path linkOut = root.resolve("link-out");
    Files.deleteIfExists(linkOut);
    Files.createSymbolicLink(linkOut, outside.resolve("teacher"));
    Object before = teachers();
    Map<String, Integer> refused = new HashMap<>(Map.of(
        "../../etc", 403, "/etc", 403, TestTeacher.DIR + "/../../..", 403, outside.resolve("teacher").toString(), 403,
        "link-out", 403, "%2e%2e/%2e%2e/etc", 400, "..%2F..%2Fetc", 400, "video-v1\u0000", 400, "", 400));
    refused.forEach((path, status) -> {
      Response answer = given().header("X-Api-Key", Fixtures.OPS_KEY).contentType(ContentType.JSON)
          .body(Map.of("path", path, "serve", true)).post("/api/v1/teachers");
      refusedAt(answer, status, "/path", "teacher path '" + path + "'");
    });
    assertThat(teachers()).as("the registered teachers").isEqualTo(before);
    // inside the root an absolute path is fine: the same, registered artifact
    given().header("X-Api-Key", Fixtures.OPS_KEY).contentType(ContentType.JSON)
        .body(Map.of("path", root.resolve(TestTeacher.DIR).toString(), "serve", true)).post("/api/v1/teachers")
        .then().statusCode(200);
  }

  @Test
  void backfillInputs_outsideTheDataRoot_areRefused_andNoJobIsQueued() throws IOException {
    Path root = MusicObjects.inputs();
    Path fileLink = root.resolve("link-file.avro");
    Files.deleteIfExists(fileLink);
    Files.createSymbolicLink(fileLink, outside.resolve(MARKER + ".avro"));
    Path dirLink = root.resolve("link-dir");
    Files.deleteIfExists(dirLink);
    Files.createSymbolicLink(dirLink, outside);
    Path mixed = Files.createDirectories(root.resolve("mixed"));
    ListenFiles.write(mixed.resolve("inside.avro"), new Schema.Parser().parse(Fixtures.listenSchema("com.music.confined")),
        3, 100);
    Files.deleteIfExists(mixed.resolve("outside.avro"));
    Files.createSymbolicLink(mixed.resolve("outside.avro"), outside.resolve(MARKER + ".avro"));
    int jobs = jobs();
    Map<String, Integer> refused = new HashMap<>(Map.of(
        "../../../etc/passwd", 403, "/etc/passwd", 403, outside.resolve(MARKER + ".avro").toString(), 403,
        objects.input() + "/../../" + MARKER, 403, "link-file.avro", 403, "link-dir", 403, "mixed", 403,
        "%2e%2e/%2e%2e/etc/passwd", 400, "..%2F" + MARKER + ".avro", 400, objects.input() + "\u0000", 400));
    refused.forEach((path, status) -> {
      Map<String, Object> request = new HashMap<>(MusicObjects.backfillRequest(objects.mapping(), objects.alignment(), path));
      Response answer = MusicObjects.music().contentType(ContentType.JSON).body(request).post("/api/v1/backfills");
      refusedAt(answer, status, "/input/path", "backfill input '" + path + "'");
    });
    assertThat(jobs()).as("backfill jobs").isEqualTo(jobs);
  }

  @Test
  void labelSetIds_andEveryPathParameter_areNamesNotPaths() {
    List<String> hostile = List.of("%2E%2E%2F%2E%2E", "..%2F" + MARKER, "..%2F..%2F..%2Fetc%2Fpasswd",
        "%2Fetc%2Fpasswd", "%252e%252e%252f" + MARKER, ".%2e/" + MARKER, objects.labelSet() + "%2F..%2F..%2F" + MARKER,
        "..%5C" + MARKER, "%00");
    List<String> templates = List.of("/api/v1/label-sets/%s", "/api/v1/backfills/%s", "/api/v1/backfills/%s/cancel",
        "/api/v1/mappings/%s", "/api/v1/mappings/%s/versions", "/api/v1/mappings/" + objects.mapping() + "/versions/%s",
        "/api/v1/alignments/%s", "/api/v1/schemas/%s", "/api/v1/schemas/%s/versions", "/api/v1/teachers/%s",
        "/api/v1/reports/%s", "/api/v1/reports/%s/html", "/api/v1/reports/music~%s", "/api/v1/reports/music~%s/html");
    for (String template : templates) {
      for (String value : hostile) {
        String path = template.formatted(value);
        String method = path.endsWith("/cancel") ? "POST" : "GET";
        Response answer = MusicObjects.music().urlEncodingEnabled(false).request(method, path);
        String shown = method + " " + path + ": " + answer.statusCode() + " " + answer.asString();
        assertThat(answer.statusCode()).as(shown).isIn(400, 404, 405);
        assertThat(answer.contentType()).as(shown).startsWith(PROBLEM);
        assertThat(answer.asString()).as(shown).doesNotContain(MARKER + "\"").doesNotContain("root:x:0:0");
      }
    }
  }

  /**
   * A dot segment ({@code ..}, also as {@code %2e%2e}) is not a parameter value: the URL is normalized first
   * (RFC 3986), so it names the parent resource, with that resource's access rules.
   */
  @Test
  void aDotSegmentInAPath_namesTheParentResource_withItsAccessRules() {
    String parent = "/api/v1/mappings/" + objects.mapping();
    String own = MusicObjects.music().get(parent).then().statusCode(200).extract().asString();
    for (String dots : List.of("..", "%2e%2e", ".%2E")) {
      String path = parent + "/versions/" + dots;
      assertThat(MusicObjects.music().urlEncodingEnabled(false).get(path).asString()).as(path).isEqualTo(own);
      Response other = given().header("X-Api-Key", Fixtures.PODCAST_KEY).urlEncodingEnabled(false).get(path);
      assertThat(other.statusCode()).as(path + " as podcast").isEqualTo(403);
      assertThat(given().urlEncodingEnabled(false).get(path).statusCode()).as(path + " without a key").isEqualTo(401);
    }
  }

  private static void refusedAt(Response answer, int status, String pointer, String what) {
    String shown = what + ": " + answer.statusCode() + " " + answer.asString();
    assertThat(answer.statusCode()).as(shown).isEqualTo(status);
    assertThat(answer.contentType()).as(shown).startsWith(PROBLEM);
    assertThat(answer.jsonPath().getList("errors.pointer", String.class)).as(shown).contains(pointer);
    assertThat(answer.asString()).as(shown).doesNotContain("PlantedOutsideTheRoot").doesNotContain("root:x:0:0");
  }

  private static Object teachers() {
    return given().header("X-Api-Key", Fixtures.OPS_KEY).get("/api/v1/teachers").then().statusCode(200)
        .extract().jsonPath().getList("$");
  }

  private static int jobs() {
    return MusicObjects.music().get("/api/v1/backfills").then().statusCode(200).extract().jsonPath().getList("$").size();
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }
}
