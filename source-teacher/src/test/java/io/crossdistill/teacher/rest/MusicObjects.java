package io.crossdistill.teacher.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.crossdistill.teacher.ServiceTestResource;
import io.crossdistill.teacher.TeacherFixture;
import io.crossdistill.teacher.backfill.ListenFiles;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * One of everything the music team can own, registered through the API under names of one test class's own
 * (so every step has one known answer in the service the test classes share): a schema, a mapping, an
 * alignment, and a backfill job that ran to its end with the label set it made.
 *
 * @param prefix the names' prefix; {@code com.music.<prefix>} is the schema's namespace
 */
record MusicObjects(String prefix, String schema, String mapping, String alignment, String input, String backfill,
    String labelSet) {

  /** Registers every object (each a new name: 201) and runs the backfill to SUCCEEDED. */
  static MusicObjects register(String prefix) {
    String namespace = "com.music." + prefix;
    String mapping = prefix + "-listen";
    String alignment = prefix + "-home";
    music().contentType(ContentType.JSON).body(Fixtures.listenSchema(namespace)).post("/api/v1/schemas")
        .then().statusCode(201);
    music().contentType(ContentType.JSON).body(Fixtures.mapping(mapping, 10, namespace)).post("/api/v1/mappings")
        .then().statusCode(201);
    music().contentType(ContentType.JSON).body(Fixtures.alignment(alignment, "{\"type\": \"identity\"}"))
        .post("/api/v1/alignments").then().statusCode(201);
    String input = prefix + ".avro";
    try {
      Path file = inputs().resolve(input);
      Files.createDirectories(file.getParent());
      ListenFiles.write(file, new Schema.Parser().parse(Fixtures.listenSchema(namespace)), 6, 100);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String job = music().contentType(ContentType.JSON).body(backfillRequest(mapping, alignment, input))
        .post("/api/v1/backfills").then().statusCode(202).extract().path("id");
    await().atMost(Duration.ofMinutes(2)).until(() -> music().get("/api/v1/backfills/" + job).then().statusCode(200)
        .extract().<String>path("state"), s -> List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(s));
    String set = music().get("/api/v1/backfills/" + job).then().statusCode(200).body("state", equalTo("SUCCEEDED"))
        .extract().path("labelSet");
    return new MusicObjects(prefix, namespace + ".Listen", mapping, alignment, input, job, set);
  }

  /** A backfill of {@code input} (under the backfill data root) with the fixture teacher. */
  static Map<String, Object> backfillRequest(String mapping, String alignment, String input) {
    return Map.of("teacher", Map.of("id", TeacherFixture.TEACHER_ID), "mapping", mapping, "alignment", alignment + "@1",
        "input", Map.of("type", "avro", "path", input));
  }

  /** A record of the Listen schema. */
  static Map<String, Object> record(String id) {
    return Map.of("id", id, "listen_minutes", 1.5, "genre", "rock");
  }

  /** The service's backfill data root. */
  static Path inputs() {
    return ServiceTestResource.dataDir().resolve("inputs");
  }

  static RequestSpecification music() {
    return given().header("X-Api-Key", Fixtures.MUSIC_KEY);
  }
}
