package io.crossdistill.teacher.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.crossdistill.labelling.StoredLabelSet;
import io.crossdistill.teacher.ServiceTestResource;
import io.crossdistill.teacher.TestTeacher;
import io.crossdistill.teacher.backfill.HeldBackfills;
import io.crossdistill.teacher.backfill.ListenFiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Backfill jobs through real HTTP against the fixture teacher: Avro files written under the service's
 * backfill data root, labelled into its label store, followed until they end. No sleeps: jobs are
 * awaited by polling their state, and {@link HeldBackfills} holds a running job at a known record when a
 * test needs it running.
 */
@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
class BackfillApiTest {

  private static final String MAPPING = "backfill-listen";
  private static final String ALIGNMENT = "backfill-home";
  /** This class's own Listen schema namespace: no other class registers it in the shared service. */
  private static final String NS = "com.music.backfill";
  private static boolean registered;

  static RequestSpecification music() {
    return given().header("X-Api-Key", Fixtures.MUSIC_KEY);
  }

  static RequestSpecification podcast() {
    return given().header("X-Api-Key", Fixtures.PODCAST_KEY);
  }

  /** The teacher serves before each test; the specs are registered once, by the first test of the class. */
  @BeforeEach
  void registerSpecs() throws IOException {
    TestTeacher.ensureServing();
    Files.createDirectories(inputs());
    if (registered) {
      return;
    }
    music().contentType(ContentType.JSON).body(Fixtures.listenSchema(NS)).post("/api/v1/schemas")
        .then().statusCode(201).body("version", equalTo(1));
    music().contentType(ContentType.JSON).body(Fixtures.mapping(MAPPING, 10, NS)).post("/api/v1/mappings")
        .then().statusCode(201).body("version", equalTo(1));
    music().contentType(ContentType.JSON).body(Fixtures.alignment(ALIGNMENT, "{\"type\": \"identity\"}"))
        .post("/api/v1/alignments").then().statusCode(201).body("version", equalTo(1));
    registered = true;
  }

  @Test
  void backfill_overAnAvroFile_labelsEveryRecordOrDeadLettersIt_andTheSameJobAgainReusesTheSet() throws IOException {
    writeListens("listens-a.avro", 40, 7);
    var response = music().contentType(ContentType.JSON).body(job("listens-a.avro", Map.of()))
        .post("/api/v1/backfills").then().statusCode(202).extract();
    JsonPath queued = response.jsonPath();
    String id = queued.getString("id");
    assertThat(response.header("Location")).endsWith("/api/v1/backfills/" + id);
    assertThat(queued.getString("state")).isEqualTo("QUEUED");
    assertThat(queued.getString("request.mapping")).isEqualTo(MAPPING + "@1");
    assertThat(queued.getString("request.teacher.contentHash")).isNotBlank();

    JsonPath done = awaitEnd(id);
    assertThat(done.getString("state")).as(done.getString("error")).isEqualTo("SUCCEEDED");
    assertThat(done.getLong("total")).isEqualTo(40);
    assertThat(done.getLong("done")).isEqualTo(40);
    // every 7th record has NaN minutes, which the mapping refuses: input = labels + dead letters
    assertThat(done.getLong("deadLetters")).isEqualTo(5);
    assertThat(done.getLong("labels")).isEqualTo(35);
    assertThat(done.getBoolean("reused")).isFalse();
    String set = done.getString("labelSet");

    music().get("/api/v1/label-sets/" + set).then().statusCode(200)
        .body("id", equalTo(set))
        .body("key.mapping", equalTo(MAPPING + "@1")).body("key.alignment", equalTo(ALIGNMENT + "@1"))
        .body("counts.input", equalTo(40)).body("counts.labels", equalTo(35)).body("counts.deadLetters", equalTo(5))
        .body("provenance.mappingName", equalTo(MAPPING)).body("provenance.seed", equalTo(0))
        .body("input", equalTo("1 Avro file(s) at listens-a.avro"))
        .body("reuse.requests", equalTo(0));
    music().get("/api/v1/label-sets").then().statusCode(200).body("id", hasItem(set));

    JsonPath again = music().contentType(ContentType.JSON).body(job("listens-a.avro", Map.of()))
        .post("/api/v1/backfills").then().statusCode(200).extract().jsonPath();
    assertThat(again.getString("id")).isNotEqualTo(id);
    assertThat(again.getString("state")).isEqualTo("SUCCEEDED");
    assertThat(again.getBoolean("reused")).isTrue();
    assertThat(again.getString("labelSet")).isEqualTo(set);
    assertThat(again.getDouble("teacherSecondsSaved")).isGreaterThan(0);
    music().get("/api/v1/label-sets/" + set).then().statusCode(200).body("reuse.requests", equalTo(1));
    music().get("/api/v1/backfills").then().statusCode(200).body("id", hasItem(id)).body("id", hasItem(again.getString("id")));

    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics).contains("crossdistill_backfill_labels_total", "crossdistill_backfill_dead_letters_total",
        "crossdistill_backfill_teacher_seconds_saved_total", "crossdistill_backfill_jobs{state=\"SUCCEEDED\"");
  }

  @Test
  void withOneSlot_aSecondJobWaitsQueued_whileTheFirstRuns_andCancellingItCancelsItAtOnce() throws Exception {
    writeListens("queue-first.avro", 30, 100);
    writeListens("queue-second.avro", 31, 100);
    String first;
    String second;
    try (HeldBackfills.Hold hold = HeldBackfills.holdAt(0)) {
      first = music().contentType(ContentType.JSON).body(job("queue-first.avro", Map.of())).post("/api/v1/backfills")
          .then().statusCode(202).extract().path("id");
      assertThat(hold.awaitHeld()).isEqualTo(first);
      music().get("/api/v1/backfills/" + first).then().statusCode(200).body("state", equalTo("RUNNING"));

      second = music().contentType(ContentType.JSON).body(job("queue-second.avro", Map.of())).post("/api/v1/backfills")
          .then().statusCode(202).body("state", equalTo("QUEUED")).extract().path("id");
      music().get("/api/v1/backfills/" + second).then().statusCode(200).body("state", equalTo("QUEUED"));
      // the first job again while it runs: the job that makes that set, not a second writer
      music().contentType(ContentType.JSON).body(job("queue-first.avro", Map.of())).post("/api/v1/backfills")
          .then().statusCode(200).body("id", equalTo(first)).body("state", equalTo("RUNNING"));

      music().post("/api/v1/backfills/" + second + "/cancel").then().statusCode(200).body("state", equalTo("CANCELLED"));
      music().post("/api/v1/backfills/" + second + "/cancel").then().statusCode(200).body("state", equalTo("CANCELLED"));
    }
    assertThat(awaitEnd(first).getString("state")).isEqualTo("SUCCEEDED");
    music().get("/api/v1/backfills/" + second).then().statusCode(200).body("state", equalTo("CANCELLED"))
        .body("done", equalTo(0));
    music().post("/api/v1/backfills/" + first + "/cancel").then().statusCode(409)
        .contentType("application/problem+json");
  }

  @Test
  void anotherTeam_cannotSeeOrCancelAJob_norReadItsLabelSet() throws IOException {
    writeListens("team-only.avro", 12, 100);
    String id = music().contentType(ContentType.JSON).body(job("team-only.avro", Map.of())).post("/api/v1/backfills")
        .then().statusCode(202).extract().path("id");
    JsonPath done = awaitEnd(id);
    podcast().get("/api/v1/backfills/" + id).then().statusCode(403).contentType("application/problem+json");
    podcast().post("/api/v1/backfills/" + id + "/cancel").then().statusCode(403);
    podcast().get("/api/v1/backfills").then().statusCode(200).body("id", not(hasItem(id)));
    podcast().get("/api/v1/label-sets/" + done.getString("labelSet")).then().statusCode(403);
    podcast().get("/api/v1/label-sets").then().statusCode(200).body("id", not(hasItem(done.getString("labelSet"))));
    music().get("/api/v1/backfills/no-such-job").then().statusCode(404).contentType("application/problem+json");
    music().get("/api/v1/label-sets/0123456789abcdef0123456789abcdef").then().statusCode(404);
    // nor can it label with the team's mapping
    podcast().contentType(ContentType.JSON).body(job("team-only.avro", Map.of())).post("/api/v1/backfills")
        .then().statusCode(403).body("errors.pointer", hasItem("/mapping"));
  }

  @Test
  void aBadRequest_listsEveryProblemAtItsPointer() throws IOException {
    music().contentType(ContentType.JSON).body("").post("/api/v1/backfills").then().statusCode(400)
        .contentType("application/problem+json");
    JsonPath bad = music().contentType(ContentType.JSON)
        .body(Map.of("mapping", "no-such-mapping", "input", Map.of("type", "csv", "path", "x.avro"),
            "batchRows", 0, "shardRecords", -1))
        .post("/api/v1/backfills").then().statusCode(400).contentType("application/problem+json")
        .extract().jsonPath();
    assertThat(bad.getList("errors.pointer", String.class)).contains("/teacher/id", "/mapping", "/alignment",
        "/input/type", "/input/path", "/batchRows", "/shardRecords");

    JsonPath outside = music().contentType(ContentType.JSON)
        .body(job("../../../etc/passwd", Map.of("mapping", "no-such-mapping")))
        .post("/api/v1/backfills").then().statusCode(403).contentType("application/problem+json").extract().jsonPath();
    assertThat(outside.getList("errors.pointer", String.class)).contains("/mapping", "/input/path");
    assertThat(outside.getList("errors.message", String.class))
        .anyMatch(m -> m.contains("outside the backfill data root"));

    Path elsewhere = Files.createTempDirectory("crossdistill-outside");
    writeListens(elsewhere.resolve("secret.avro"), 3, 100);
    Path link = inputs().resolve("link-out");
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, elsewhere);
    music().contentType(ContentType.JSON).body(job("link-out", Map.of())).post("/api/v1/backfills")
        .then().statusCode(403).body("errors[0].pointer", equalTo("/input/path"))
        .body("errors[0].message", containsString("leads outside the backfill data root"));

    music().contentType(ContentType.JSON).body(job("missing.avro", Map.of("teacher", Map.of("id", "radio-teacher"))))
        .post("/api/v1/backfills").then().statusCode(400).body("errors.pointer", hasItem("/input/path"));
    writeListens("wrong-teacher.avro", 3, 100);
    music().contentType(ContentType.JSON).body(job("wrong-teacher.avro", Map.of("teacher", Map.of("id", "radio-teacher"))))
        .post("/api/v1/backfills").then().statusCode(400).body("errors[0].pointer", equalTo("/teacher/id"))
        .body("errors[0].message", containsString("does not serve"));
    music().contentType(ContentType.JSON).body(job("wrong-teacher.avro", Map.of("input",
        Map.of("type", "ratings", "path", "wrong-teacher.avro", "split", "no-split"))))
        .post("/api/v1/backfills").then().statusCode(400).body("errors.pointer", hasItem("/input/split"));
  }

  @Test
  void anUnwritableOutput_failsTheJobWithAClearMessage_andTheSameJobAgainResumesFromItsCheckpoint() throws Exception {
    writeListens("unwritable.avro", 30, 9);
    Map<String, Object> shards = Map.of("shardRecords", 10);
    String id;
    Path obstacle;
    try (HeldBackfills.Hold hold = HeldBackfills.holdAt(10)) {
      id = music().contentType(ContentType.JSON).body(job("unwritable.avro", shards)).post("/api/v1/backfills")
          .then().statusCode(202).extract().path("id");
      assertThat(hold.awaitHeld()).isEqualTo(id);
      String set = music().get("/api/v1/backfills/" + id).then().statusCode(200).body("state", equalTo("RUNNING"))
          .body("labelSet", notNullValue()).extract().path("labelSet");
      // the first shard is committed; a directory where the next shard's file must be written makes the store
      // unwritable for any user (file permissions would not stop a test run as root)
      Path setDir = ServiceTestResource.dataDir().resolve("label-sets").resolve(set);
      assertThat(setDir.resolve("labels-00000.avro")).isRegularFile();
      obstacle = Files.createDirectories(setDir.resolve(".labels-00001.avro.partial"));
      Files.createFile(obstacle.resolve("keep"));
    }
    JsonPath failed = awaitEnd(id);
    assertThat(failed.getString("state")).isEqualTo("FAILED");
    assertThat(failed.getString("error")).contains("cannot write shard 00001");

    Files.delete(obstacle.resolve("keep"));
    Files.delete(obstacle);
    String again = music().contentType(ContentType.JSON).body(job("unwritable.avro", shards)).post("/api/v1/backfills")
        .then().statusCode(202).extract().path("id");
    JsonPath done = awaitEnd(again);
    assertThat(done.getString("state")).as(done.getString("error")).isEqualTo("SUCCEEDED");
    assertThat(done.getLong("resumedFrom")).isEqualTo(10);
    assertThat(done.getLong("labels") + done.getLong("deadLetters")).isEqualTo(30);
    assertThat(done.getLong("deadLetters")).isEqualTo(3);
    music().get("/api/v1/label-sets/" + done.getString("labelSet")).then().statusCode(200)
        .body("cost.runs", equalTo(2)).body("shards.size()", equalTo(3));
  }

  @Test
  void aHotSwapWhileAJobRuns_changesNoneOfItsLabels_theJobKeepsTheVersionItWasSubmittedWith() throws Exception {
    writeListens("hot-swap.avro", 30, 100);
    TestTeacher.ensureSecondVersion();
    String id;
    String submittedWith;
    try {
      try (HeldBackfills.Hold hold = HeldBackfills.holdAt(10)) {
        JsonPath queued = music().contentType(ContentType.JSON).body(job("hot-swap.avro", Map.of("shardRecords", 10)))
            .post("/api/v1/backfills").then().statusCode(202).extract().jsonPath();
        id = queued.getString("id");
        submittedWith = queued.getString("request.teacher.contentHash");
        assertThat(hold.awaitHeld()).isEqualTo(id);
        TestTeacher.serveSecondVersion();
        String serving = music().get("/api/v1/teachers").then().statusCode(200).extract().jsonPath()
            .getString("find { it.serving }.contentHash");
        assertThat(serving).isNotEqualTo(submittedWith);
      }
      JsonPath done = awaitEnd(id);
      assertThat(done.getString("state")).as(done.getString("error")).isEqualTo("SUCCEEDED");
      Path set = ServiceTestResource.dataDir().resolve("label-sets").resolve(done.getString("labelSet"));
      StoredLabelSet labels = StoredLabelSet.open(set);
      assertThat(labels.manifest().key().teacherHash()).isEqualTo(submittedWith);
      List<String> hashes = new ArrayList<>();
      labels.forEachLabel(label -> hashes.add(label.getProvenance().getTeacherHash()));
      assertThat(hashes).hasSize(30).containsOnly(submittedWith);
    } finally {
      TestTeacher.ensureServing();
    }
  }

  /**
   * A service killed while a job runs leaves the job's record RUNNING and a checkpoint of the shards it
   * committed. This test copies exactly that state (data directory and teachers) while a job is held after
   * its first shard, as a kill -9 at that instant would leave it, for {@link BackfillRestartTest} to start a
   * service on.
   */
  @Test
  void aServiceKilledWhileAJobRuns_leavesItsRecordRunning_andItsCheckpoint() throws Exception {
    writeListens("killed.avro", 30, 9);
    try (HeldBackfills.Hold hold = HeldBackfills.holdAt(10)) {
      String id = music().contentType(ContentType.JSON).body(job("killed.avro", Map.of("shardRecords", 10)))
          .post("/api/v1/backfills").then().statusCode(202).extract().path("id");
      assertThat(hold.awaitHeld()).isEqualTo(id);
      String set = music().get("/api/v1/backfills/" + id).then().statusCode(200).extract().path("labelSet");
      Path data = ServiceTestResource.dataDir();
      assertThat(Files.readString(data.resolve("backfills").resolve(id + ".json"))).contains("\"RUNNING\"");
      assertThat(Files.readString(data.resolve("label-sets").resolve(set).resolve("checkpoint.json")))
          .contains("labels-00000.avro").doesNotContain("labels-00001.avro");
      Path copy = Files.createTempDirectory("crossdistill-killed-service");
      copyTree(data, copy.resolve("data"));
      copyTree(ServiceTestResource.teachersRoot(), copy.resolve("teachers"));
      BackfillRestartResource.killedService(copy, id, set);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(target);
        } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
          Files.copy(path, target);
        }
      }
    }
  }

  private static JsonPath awaitEnd(String id) {
    await().atMost(Duration.ofMinutes(2)).until(() -> music().get("/api/v1/backfills/" + id).then().statusCode(200)
        .extract().<String>path("state"), s -> List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(s));
    return music().get("/api/v1/backfills/" + id).then().statusCode(200).extract().jsonPath();
  }

  private static Map<String, Object> job(String path, Map<String, Object> overrides) {
    Map<String, Object> body = new HashMap<>();
    body.put("teacher", Map.of("id", "video-teacher"));
    body.put("mapping", MAPPING);
    body.put("alignment", ALIGNMENT + "@1");
    body.put("input", Map.of("type", "avro", "path", path));
    body.putAll(overrides);
    return body;
  }

  private static Path inputs() {
    return ServiceTestResource.dataDir().resolve("inputs");
  }

  private static void writeListens(String name, int records, int refuseEvery) throws IOException {
    writeListens(inputs().resolve(name), records, refuseEvery);
  }

  static void writeListens(Path file, int records, int refuseEvery) throws IOException {
    ListenFiles.write(file, new Schema.Parser().parse(Fixtures.listenSchema(NS)), records, refuseEvery);
  }
}
