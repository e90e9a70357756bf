package io.crossdistill.teacher.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.crossdistill.teacher.ServiceTestResource;
import io.crossdistill.teacher.TestTeacher;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Student reports through real HTTP: runs published under the reports root as {@code student compare}
 * writes them (a real label set of the service's store among their labels), listed per team, read one by
 * one and as HTML; another team's refused, link-outs refused, broken files listed as problems.
 */
@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
class ReportApiTest {

  private static final String PROBLEM = "application/problem+json";
  private static final Instant OLDER = Instant.parse("2026-11-30T09:15:00Z");
  private static final Instant NEWER = Instant.parse("2026-11-30T10:45:30.250Z");
  /** Written into every file planted outside the run directories; an answer holding it read one. */
  private static final String MARKER = "planted-outside-the-run";

  private static MusicObjects objects;
  private static String older;
  private static String newer;

  @BeforeEach
  void publishTwoMusicRuns() {
    TestTeacher.ensureServing();
    if (objects != null) {
      return;
    }
    objects = MusicObjects.register("reports");
    String metrics = ReportRuns.metrics("crossdistill student compare: ratings-world");
    ReportRuns.publish("music", "api-older", OLDER, Optional.of(metrics), Optional.of(objects.labelSet()));
    ReportRuns.publish("music", "api-newer", NEWER, Optional.of(metrics), Optional.of(objects.labelSet()));
    older = "music~api-older";
    newer = "music~api-newer";
  }

  @Test
  void ownReports_areListedNewestFirst_withTheirLabelSetsStudentsAndSummary() {
    List<Map<String, Object>> list = MusicObjects.music().get("/api/v1/reports").then().statusCode(200)
        .extract().jsonPath().getList("$");
    List<Object> ids = list.stream().map(r -> r.get("id")).toList();
    assertThat(ids).contains(older, newer);
    assertThat(ids.indexOf(newer)).as("newest first").isLessThan(ids.indexOf(older));
    assertThat(list).allSatisfy(r -> assertThat(r.get("team")).isEqualTo("music"));

    JsonPath report = MusicObjects.music().get("/api/v1/reports/" + older).then().statusCode(200)
        .extract().jsonPath();
    assertThat(list.get(ids.indexOf(older))).as("the list's item is the report").isEqualTo(report.getMap("$"));
    assertThat(report.getString("team")).isEqualTo("music");
    assertThat(report.getString("run")).isEqualTo("api-older");
    assertThat(report.getString("createdAt")).isEqualTo("2026-11-30T09:15:00Z");
    assertThat(MusicObjects.music().get("/api/v1/reports/" + newer).then().statusCode(200).extract()
        .<String>path("createdAt")).isEqualTo("2026-11-30T10:45:30.250Z");
    assertThat(report.getString("title")).isEqualTo("crossdistill student compare: ratings-world");
    assertThat(report.getInt("students")).isEqualTo(ReportRuns.STUDENTS);
    assertThat(report.getList("problems")).isEmpty();
    assertThat(report.getLong("htmlBytes")).isEqualTo(ReportRuns.html("music api-older").length);

    assertThat(report.getList("labelSets")).containsExactly(objects.labelSet());
    JsonPath manifest = MusicObjects.music().get("/api/v1/label-sets/" + objects.labelSet()).then().statusCode(200)
        .extract().jsonPath();
    Map<String, Object> set = report.getMap("labelSetDetails[0]");
    assertThat(set).containsEntry("id", objects.labelSet())
        .containsEntry("path", "labels/f0.1-seed1/teacher-17/" + objects.labelSet())
        .containsEntry("teacherId", manifest.getString("key.teacherId"))
        .containsEntry("teacherHash", manifest.getString("key.teacherHash"))
        .containsEntry("mapping", objects.mapping() + "@1")
        .containsEntry("alignment", objects.alignment() + "@1")
        .containsEntry("inputHash", manifest.getString("key.inputHash"))
        .containsEntry("counts", manifest.getMap("counts"))
        .containsEntry("inService", true);
    assertThat(manifest.getInt("counts.input")).isEqualTo(6);

    Map<String, Object> summary = report.getMap("summary");
    assertThat(summary).containsEntry("data", "ratings-world")
        .containsEntry("tasks", ReportRuns.TASKS)
        .containsEntry("variants", ReportRuns.VARIANTS)
        .containsEntry("fractions", List.of(0.1f, 1.0f))
        .containsEntry("seeds", List.of(1, 2))
        .containsEntry("runs", ReportRuns.RUNS)
        .containsEntry("comparisons", ReportRuns.COMPARISONS)
        .containsEntry("significant", ReportRuns.SIGNIFICANT);
  }

  /** The golden metrics.json of a real student compare run (ReportRuns.realMetrics) reads as that run counted. */
  @Test
  void theMetricsOfARealCompareRun_areSummarised() {
    ReportRuns.publish("music", "api-real", OLDER, Optional.of(ReportRuns.realMetrics()), Optional.empty());
    JsonPath report = MusicObjects.music().get("/api/v1/reports/music~api-real").then().statusCode(200).extract()
        .jsonPath();
    assertThat(report.getList("problems")).isEmpty();
    assertThat(report.getString("title")).isEqualTo("crossdistill student compare: world");
    assertThat(report.getInt("students")).isEqualTo(12);
    assertThat(report.getMap("summary")).containsEntry("data", "world")
        .containsEntry("tasks", List.of("love", "rating", "dislike"))
        .containsEntry("variants", List.of("control", "distilled", "adapter"))
        .containsEntry("fractions", List.of(0.1f, 1.0f))
        .containsEntry("seeds", List.of(1, 2))
        .containsEntry("runs", 28)
        .containsEntry("comparisons", 30)
        .containsEntry("significant", 7);
  }

  /** What the service read of a run is kept only until the file changes: a rerun into the same directory shows. */
  @Test
  void aRewrittenRun_isReadAgain() throws IOException {
    Path dir = ReportRuns.publish("music", "api-rerun", OLDER, Optional.of(ReportRuns.metrics("first")),
        Optional.empty());
    MusicObjects.music().get("/api/v1/reports/music~api-rerun").then().statusCode(200)
        .body("title", org.hamcrest.Matchers.equalTo("first"));
    Files.writeString(dir.resolve("metrics.json"), ReportRuns.realMetrics());
    Files.setLastModifiedTime(dir.resolve("metrics.json"), java.nio.file.attribute.FileTime.from(NEWER));
    JsonPath again = MusicObjects.music().get("/api/v1/reports/music~api-rerun").then().statusCode(200).extract()
        .jsonPath();
    assertThat(again.getString("title")).isEqualTo("crossdistill student compare: world");
    assertThat(again.getInt("students")).isEqualTo(12);
  }

  @Test
  void anotherTeam_seesNoneOfThem_andIsRefusedTheReportAndItsHtml() {
    ReportRuns.publish("podcast", "api-podcast", OLDER, Optional.of(ReportRuns.metrics("podcast run")),
        Optional.of(objects.labelSet()));
    List<Map<String, Object>> list = given().header("X-Api-Key", Fixtures.PODCAST_KEY).get("/api/v1/reports")
        .then().statusCode(200).extract().jsonPath().getList("$");
    assertThat(list).extracting(r -> r.get("team")).containsOnly("podcast");
    assertThat(list).extracting(r -> r.get("id")).contains("podcast~api-podcast");
    // the podcast run read music's label set; the service's copy is music's, so the console must not link it
    Map<String, Object> own = list.stream().filter(r -> r.get("id").equals("podcast~api-podcast")).findFirst()
        .orElseThrow();
    assertThat(own.get("labelSets")).isEqualTo(List.of(objects.labelSet()));
    assertThat(((List<?>) own.get("labelSetDetails"))).singleElement()
        .satisfies(s -> assertThat(((Map<?, ?>) s).get("inService")).isEqualTo(false));

    for (String path : List.of("/api/v1/reports/" + older, "/api/v1/reports/" + older + "/html")) {
      Response answer = given().header("X-Api-Key", Fixtures.PODCAST_KEY).get(path);
      assertThat(answer.statusCode()).as(path + ": " + answer.asString()).isEqualTo(403);
      assertThat(answer.contentType()).as(path).startsWith(PROBLEM);
      assertThat(answer.jsonPath().getString("detail")).isEqualTo("report '" + older + "' belongs to another team");
    }
    Response theirs = MusicObjects.music().get("/api/v1/reports/podcast~api-podcast");
    assertThat(theirs.statusCode()).as(theirs.asString()).isEqualTo(403);
  }

  @Test
  void anOperator_seesEveryTeamsReports_andReadsThem() {
    ReportRuns.publish("podcast", "api-operator", NEWER, Optional.of(ReportRuns.metrics("podcast run")),
        Optional.empty());
    List<Map<String, Object>> list = given().header("X-Api-Key", Fixtures.OPS_KEY).get("/api/v1/reports")
        .then().statusCode(200).extract().jsonPath().getList("$");
    assertThat(list).extracting(r -> r.get("id")).contains(older, newer, "podcast~api-operator");
    assertThat(list).filteredOn(r -> r.get("id").equals("podcast~api-operator")).singleElement()
        .satisfies(r -> assertThat(r).containsEntry("team", "podcast").containsEntry("labelSets", List.of()));
    // the operator team does not own music's label set: no link to it
    assertThat(list).filteredOn(r -> r.get("id").equals(older)).singleElement()
        .satisfies(r -> assertThat(((Map<?, ?>) ((List<?>) r.get("labelSetDetails")).get(0)).get("inService"))
            .isEqualTo(false));
    given().header("X-Api-Key", Fixtures.OPS_KEY).get("/api/v1/reports/" + older).then().statusCode(200);
    byte[] html = given().header("X-Api-Key", Fixtures.OPS_KEY).get("/api/v1/reports/podcast~api-operator/html")
        .then().statusCode(200).extract().asByteArray();
    assertThat(html).isEqualTo(ReportRuns.html("podcast api-operator"));
  }

  @Test
  void theHtml_isTheRunsReportHtml_byteForByte_asUtf8Html_thatMayRunNothing() {
    Response answer = MusicObjects.music().get("/api/v1/reports/" + older + "/html");
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.contentType()).isEqualToIgnoringWhitespace("text/html;charset=utf-8");
    assertThat(answer.asByteArray()).isEqualTo(ReportRuns.html("music api-older"));
    assertThat(new String(answer.asByteArray(), StandardCharsets.UTF_8)).contains("± 0.3 → significant");
    assertThat(answer.header("Content-Security-Policy")).contains("default-src 'none'").contains("sandbox")
        .doesNotContain("script-src");
    assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  @Test
  void theLabelSetFilter_keepsTheReportsThatReadTheSet() {
    ReportRuns.publish("music", "api-no-labels", OLDER, Optional.of(ReportRuns.metrics("no labels")), Optional.empty());
    List<String> using = MusicObjects.music().queryParam("labelSet", objects.labelSet()).get("/api/v1/reports")
        .then().statusCode(200).extract().jsonPath().getList("id", String.class);
    assertThat(using).contains(older, newer).doesNotContain("music~api-no-labels");
    List<String> all = MusicObjects.music().get("/api/v1/reports").then().statusCode(200).extract().jsonPath()
        .getList("id", String.class);
    assertThat(all).contains("music~api-no-labels");
    assertThat(MusicObjects.music().queryParam("labelSet", "0".repeat(32)).get("/api/v1/reports").then()
        .statusCode(200).extract().jsonPath().getList("$")).isEmpty();
  }

  @Test
  void aDirectoryWithoutReportHtml_isNoReport_andUnknownOrMalformedIdsAre404() throws IOException {
    Path unfinished = Files.createDirectories(ReportRuns.root().resolve("music").resolve("api-unfinished"));
    Files.writeString(unfinished.resolve("metrics.json"), ReportRuns.metrics("unfinished"));
    assertThat(MusicObjects.music().get("/api/v1/reports").then().statusCode(200).extract().jsonPath()
        .getList("id", String.class)).doesNotContain("music~api-unfinished");
    for (String id : List.of("music~api-unfinished", "music~no-such-run", "nosuchteam~run", "music", "music~",
        "~api-older", "Music~api-older", "music~.hidden", "music~api older")) {
      for (String suffix : List.of("", "/html")) {
        Response answer = MusicObjects.music().get("/api/v1/reports/{id}" + suffix, id);
        assertThat(answer.statusCode()).as(id + suffix + ": " + answer.asString()).isEqualTo(404);
        assertThat(answer.contentType()).as(id).startsWith(PROBLEM);
      }
    }
  }

  @Test
  void brokenOrMissingFiles_leaveTheReportListed_withAProblemAtTheFieldTheyLeaveEmpty() throws IOException {
    Map<String, String> broken = Map.of(
        "api-truncated", ReportRuns.metrics("truncated").substring(0, 200),
        "api-wrong-type", "{\"title\": \"wrong type\", \"runs\": 5}",
        "api-no-seed", "{\"runs\": [{\"variant\": \"control\", \"fraction\": 0.1, \"split\": \"test\"}]}",
        "api-deep", "{\"notes\": " + "[".repeat(5000) + "]".repeat(5000) + "}",
        "api-array", "[]");
    broken.forEach((run, metrics) -> ReportRuns.publish("music", run, OLDER, Optional.of(metrics), Optional.empty()));
    ReportRuns.publish("music", "api-no-metrics", OLDER, Optional.empty(), Optional.empty());
    Path badSet = ReportRuns.publish("music", "api-bad-manifest", OLDER, Optional.of(ReportRuns.metrics("bad set")),
        Optional.of(objects.labelSet()));
    Files.writeString(badSet.resolve("labels/f0.1-seed1/teacher-17").resolve(objects.labelSet())
        .resolve("manifest.json"), "{\"format\": \"crossdistill-label-set/1\", \"id\": ");

    Map<String, String> expected = Map.of(
        "api-truncated", "metrics.json is not in the format student compare writes: not JSON: ",
        "api-wrong-type", "metrics.json is not in the format student compare writes: /runs: must be an array, not a number",
        "api-no-seed", "metrics.json is not in the format student compare writes: /runs/0: has no \"seed\"",
        "api-deep", "metrics.json is not in the format student compare writes: not JSON: Document nesting depth",
        "api-array", "metrics.json is not in the format student compare writes: the document: must be an object, not an array",
        "api-no-metrics", "metrics.json is missing");
    for (var entry : expected.entrySet()) {
      JsonPath report = MusicObjects.music().get("/api/v1/reports/music~" + entry.getKey()).then().statusCode(200)
          .extract().jsonPath();
      String shown = entry.getKey() + ": " + report.prettify();
      assertThat(report.getList("problems.pointer")).as(shown).containsExactly("/summary");
      assertThat(report.getString("problems[0].message")).as(shown).startsWith(entry.getValue());
      assertThat(report.getString("title")).as(shown).isEqualTo(entry.getKey());
      assertThat(report.getInt("students")).as(shown).isZero();
      assertThat(report.getList("summary.variants")).as(shown).isEmpty();
    }
    JsonPath report = MusicObjects.music().get("/api/v1/reports/music~api-bad-manifest").then().statusCode(200)
        .extract().jsonPath();
    assertThat(report.getList("labelSets")).isEmpty();
    assertThat(report.getList("problems.pointer")).containsExactly("/labelSets");
    assertThat(report.getString("problems[0].message")).startsWith("labels/f0.1-seed1/teacher-17/" + objects.labelSet()
        + "/manifest.json is not a label-set manifest (crossdistill-label-set/1)");
    assertThat(report.getInt("students")).isEqualTo(ReportRuns.STUDENTS);
    // all of them are in the list, and their pages are served
    assertThat(MusicObjects.music().get("/api/v1/reports").then().statusCode(200).extract().jsonPath()
        .getList("id", String.class)).contains("music~api-truncated", "music~api-deep", "music~api-bad-manifest");
    MusicObjects.music().get("/api/v1/reports/music~api-truncated/html").then().statusCode(200);
  }

  @Test
  void aReportHtmlOverTheLimit_isListedWithAProblem_andItsPageIsRefused409() throws IOException {
    Path dir = ReportRuns.publish("music", "api-huge", OLDER, Optional.of(ReportRuns.metrics("huge")), Optional.empty());
    byte[] huge = new byte[(1 << 20) + 1]; // %test.crossdistill.reports.max-html-bytes=1048576
    java.util.Arrays.fill(huge, (byte) 'x');
    Files.write(dir.resolve("report.html"), huge);
    JsonPath report = MusicObjects.music().get("/api/v1/reports/music~api-huge").then().statusCode(200).extract()
        .jsonPath();
    assertThat(report.getLong("htmlBytes")).isEqualTo(huge.length);
    assertThat(report.getList("problems.pointer")).containsExactly("/htmlBytes");
    Response page = MusicObjects.music().get("/api/v1/reports/music~api-huge/html");
    assertThat(page.statusCode()).as(page.asString()).isEqualTo(409);
    assertThat(page.contentType()).startsWith(PROBLEM);
    assertThat(page.jsonPath().getString("detail")).isEqualTo(
        "report.html is 1048577 bytes, over the service's limit of 1048576 bytes (crossdistill.reports.max-html-bytes)");
  }

  @Test
  void linksOutOfARunsDirectory_areRefused_andNothingOutsideIsRead() throws IOException {
    Path outside = Files.createTempDirectory("crossdistill-outside-reports");
    Files.writeString(outside.resolve("report.html"), "<title>" + MARKER + "</title>");
    Files.writeString(outside.resolve("metrics.json"), ReportRuns.metrics(MARKER));
    ReportRuns.copyTree(ServiceTestResource.dataDir().resolve("label-sets").resolve(objects.labelSet()),
        outside.resolve("labels").resolve(objects.labelSet()));
    Path music = ReportRuns.root().resolve("music");
    Path podcast = Files.createDirectories(ReportRuns.root().resolve("podcast"));
    // a run that is a link out of the root, a link to another run, a page that is a link to another team's page
    Files.createSymbolicLink(music.resolve("api-link-out"), outside);
    Files.createSymbolicLink(music.resolve("api-link-in"), music.resolve("api-older"));
    Path steal = Files.createDirectories(podcast.resolve("api-steal"));
    Files.createSymbolicLink(steal.resolve("report.html"), music.resolve("api-older").resolve("report.html"));
    Path pageOut = Files.createDirectories(music.resolve("api-page-out"));
    Files.createSymbolicLink(pageOut.resolve("report.html"), outside.resolve("report.html"));
    Map<String, String> refused = Map.of(
        "music~api-link-out", "path 'music/api-link-out' leads outside the reports root",
        "music~api-link-in", "report 'music~api-link-in' is a link to another directory; a report is its own team's directory",
        "podcast~api-steal", "path 'report.html' leads outside the report's directory",
        "music~api-page-out", "path 'report.html' leads outside the report's directory");
    refused.forEach((id, detail) -> {
      for (String suffix : List.of("", "/html")) {
        Response answer = given().header("X-Api-Key", Fixtures.OPS_KEY).get("/api/v1/reports/" + id + suffix);
        String shown = id + suffix + ": " + answer.asString();
        assertThat(answer.statusCode()).as(shown).isEqualTo(403);
        assertThat(answer.contentType()).as(shown).startsWith(PROBLEM);
        assertThat(answer.jsonPath().getString("detail")).as(shown).isEqualTo(detail);
        assertThat(answer.asString()).as(shown).doesNotContain(MARKER).doesNotContain(outside.toString());
      }
    });
    // a run whose metrics and labels are links out: listed, with both unread
    Path filesOut = ReportRuns.publish("music", "api-files-out", OLDER, Optional.empty(), Optional.empty());
    Files.createSymbolicLink(filesOut.resolve("metrics.json"), outside.resolve("metrics.json"));
    Files.createSymbolicLink(filesOut.resolve("labels"), outside.resolve("labels"));
    String list = given().header("X-Api-Key", Fixtures.OPS_KEY).get("/api/v1/reports").then().statusCode(200)
        .extract().asString();
    assertThat(list).doesNotContain(MARKER).doesNotContain(outside.toString());
    List<String> ids = JsonPath.from(list).getList("id", String.class);
    assertThat(ids).contains("music~api-files-out").doesNotContainAnyElementsOf(refused.keySet());
    JsonPath report = MusicObjects.music().get("/api/v1/reports/music~api-files-out").then().statusCode(200)
        .extract().jsonPath();
    assertThat(report.getList("problems.message", String.class)).containsExactlyInAnyOrder(
        "metrics.json: path 'metrics.json' leads outside the report's directory; not read",
        "labels: path 'labels' leads outside the report's directory; not read");
    assertThat(report.getList("labelSets")).isEmpty();
    assertThat(report.getString("title")).isEqualTo("api-files-out");
  }
}
