package io.crossdistill.teacher.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.oneOf;

import io.crossdistill.labelling.LabelTopics;
import io.crossdistill.teacher.ServiceTestResource;
import io.crossdistill.teacher.TestTeacher;
import io.crossdistill.teacher.config.ServiceConfig;
import io.crossdistill.teacher.kafka.KafkaBrokerResource;
import io.crossdistill.teacher.stream.Topics;
import io.crossdistill.v1.AlignedLabel;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The service's label stream ({@code crossdistill.stream.*}) against an in-process broker: it waits for
 * the music team's mapping and alignment, then labels the examples topic exactly-once; a teacher hot
 * swap over the API shows in the labels' provenance; {@code GET /api/v1/streams} and readiness show it.
 */
@QuarkusTest
@TestProfile(StreamProfile.class)
@QuarkusTestResource(ServiceTestResource.class)
class StreamApiTest {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Schema LISTEN = new Schema.Parser().parse(Fixtures.LISTEN_SCHEMA);

  @Inject
  ServiceConfig config;

  @Test
  void kafkaClientProperties_keepTheirDottedNames() {
    assertThat(config.stream().kafka()).containsEntry("consumer.heartbeat.interval.ms", "300");
  }

  @Test
  void stream_waitsForItsSpecs_labelsExactlyOnce_andATeacherSwapShowsInProvenance() {
    String bootstrap = System.getProperty(KafkaBrokerResource.BOOTSTRAP_PROPERTY);
    Topics.create(bootstrap, StreamProfile.INPUT, 2);
    Topics.create(bootstrap, StreamProfile.OUTPUT, 2);
    Topics.create(bootstrap, StreamProfile.DEAD, 1);
    JsonPath waiting = stream();
    assertThat(waiting.getString("state")).isEqualTo("WAITING");
    assertThat(waiting.getString("transactionalId")).isEqualTo("crossdistill-labels-svc-1");
    given().header("X-Api-Key", Fixtures.PODCAST_KEY).get("/api/v1/streams").then().statusCode(200)
        .body("size()", equalTo(0));

    TestTeacher.ensureServing();
    // the stream's service is this class's alone (its own profile and data directory): every name is new
    music().body(Fixtures.LISTEN_SCHEMA).post("/api/v1/schemas").then().statusCode(201).body("version", equalTo(1));
    music().body(Fixtures.mapping(StreamProfile.MAPPING, 10)).post("/api/v1/mappings").then().statusCode(201)
        .body("version", equalTo(1));
    music().body(Fixtures.alignment(StreamProfile.ALIGNMENT, "{\"type\": \"identity\"}")).post("/api/v1/alignments")
        .then().statusCode(201).body("version", equalTo(1));
    await().atMost(WAIT).until(() -> "RUNNING".equals(stream().getString("state")));

    Topics.produce(bootstrap, StreamProfile.INPUT, "k", 0, 300, StreamApiTest::example);
    await().atMost(WAIT).until(() -> stream().getLong("records") == 300);
    String first = stream().getString("teacherHash");

    TestTeacher.ensureSecondVersion();
    TestTeacher.serveSecondVersion();
    Topics.produce(bootstrap, StreamProfile.INPUT, "k", 300, 300, StreamApiTest::example);
    await().atMost(WAIT).until(() -> stream().getLong("records") == 600);

    JsonPath done = stream();
    String second = done.getString("teacherHash");
    assertThat(second).isNotEqualTo(first);
    assertThat(done.getLong("deadLetters")).isEqualTo(12);
    assertThat(done.getLong("labels")).isEqualTo(588);
    assertThat(done.getList("partitions", Integer.class)).containsExactly(0, 1);
    assertThat(done.getLong("lag")).isZero();
    assertThat(done.getDouble("recordsPerSecond")).as("throughput of the records just committed").isPositive();
    assertThat(done.getString("mapping")).isEqualTo(StreamProfile.MAPPING + "@1");

    List<String> keys = new ArrayList<>();
    Map<String, AlignedLabel> labels = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : Topics.readAll(bootstrap, StreamProfile.OUTPUT)) {
      String key = new String(r.key(), StandardCharsets.UTF_8);
      keys.add(key);
      labels.put(key, LabelTopics.decodeLabel(r.value()));
    }
    for (ConsumerRecord<byte[], byte[]> r : Topics.readAll(bootstrap, StreamProfile.DEAD)) {
      keys.add(new String(r.key(), StandardCharsets.UTF_8));
    }
    assertThat(keys).doesNotHaveDuplicates().hasSize(600);
    Set<String> firstHashes = new HashSet<>();
    Set<String> secondHashes = new HashSet<>();
    labels.forEach((key, label) -> (Integer.parseInt(key.substring(2)) < 300 ? firstHashes : secondHashes)
        .add(label.getProvenance().getTeacherHash()));
    assertThat(firstHashes).containsExactly(first);
    assertThat(secondHashes).containsExactly(second);
    AlignedLabel one = labels.get("k-1");
    assertThat(one.getProvenance().getMappingName()).isEqualTo(StreamProfile.MAPPING);
    assertThat(one.getProvenance().getAlignmentName()).isEqualTo(StreamProfile.ALIGNMENT);
    assertThat(one.getProvenance().getHyperParameters()).containsEntry("stream.group", "svc-labeller");

    given().get("/q/health/ready").then().statusCode(200)
        .body("checks.name", hasItem("label-stream"))
        .body("checks.find { it.name == 'label-stream' }.data.state", equalTo("RUNNING"));

    backfillOfTheTopicRange_labelsTheSameRecords_withTheirDeadLetters(bootstrap, second, labels);
  }

  /** A backfill over the examples topic's offset ranges: the same 600 records, read committed, into a label set. */
  private static void backfillOfTheTopicRange_labelsTheSameRecords_withTheirDeadLetters(String bootstrap,
      String servingHash, Map<String, AlignedLabel> streamed) {
    Map<Integer, Long> end = new java.util.TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : Topics.readAll(bootstrap, StreamProfile.INPUT)) {
      end.merge(r.partition(), r.offset() + 1, Math::max);
    }
    List<Map<String, Object>> ranges = new ArrayList<>();
    end.forEach((partition, to) -> ranges.add(Map.of("partition", partition, "from", 0, "to", to)));
    Map<String, Object> body = Map.of("teacher", Map.of("id", io.crossdistill.teacher.TeacherFixture.TEACHER_ID),
        "mapping", StreamProfile.MAPPING + "@1", "alignment", StreamProfile.ALIGNMENT + "@1",
        "input", Map.of("type", "kafka", "topic", StreamProfile.INPUT, "ranges", ranges));
    String id = music().body(body).post("/api/v1/backfills").then().statusCode(202)
        .body("state", oneOf("QUEUED", "RUNNING")).extract().path("id");
    await().atMost(WAIT).until(() -> List.of("SUCCEEDED", "FAILED").contains(
        music().get("/api/v1/backfills/" + id).then().statusCode(200).extract().<String>path("state")));
    JsonPath job = music().get("/api/v1/backfills/" + id).then().statusCode(200).body("state", equalTo("SUCCEEDED"))
        .extract().jsonPath();
    assertThat(job.getLong("done")).isEqualTo(600);
    JsonPath manifest = music().get("/api/v1/label-sets/" + job.getString("labelSet")).then().statusCode(200)
        .extract().jsonPath();
    assertThat(manifest.getLong("counts.input")).isEqualTo(600);
    assertThat(manifest.getLong("counts.labels")).as("the records the stream labelled").isEqualTo(588);
    assertThat(manifest.getLong("counts.deadLetters")).as("the values that are not Avro").isEqualTo(12);
    assertThat(manifest.getString("key.teacherHash")).isEqualTo(servingHash);
    assertThat(manifest.getString("input")).startsWith("Kafka topic " + StreamProfile.INPUT);
    assertThat(streamed).hasSize(588);

    // a range the topic does not hold is refused with the problem at its place
    Map<String, Object> bad = Map.of("teacher", Map.of("id", io.crossdistill.teacher.TeacherFixture.TEACHER_ID),
        "mapping", StreamProfile.MAPPING + "@1", "alignment", StreamProfile.ALIGNMENT + "@1",
        "input", Map.of("type", "kafka", "topic", StreamProfile.INPUT,
            "ranges", List.of(Map.of("partition", 0, "from", 5, "to", 2))));
    music().body(bad).post("/api/v1/backfills").then().statusCode(400)
        .contentType("application/problem+json")
        .body("errors.pointer", hasItem("/input/ranges/0/to"));
  }

  private static JsonPath stream() {
    return given().header("X-Api-Key", Fixtures.MUSIC_KEY).get("/api/v1/streams").then().statusCode(200)
        .body("size()", equalTo(1)).extract().jsonPath().setRootPath("[0]");
  }

  private static io.restassured.specification.RequestSpecification music() {
    return given().header("X-Api-Key", Fixtures.MUSIC_KEY).contentType(ContentType.JSON);
  }

  /** Listen {@code i} as Avro binary; every 50th from 7 is not Avro at all. */
  private static byte[] example(int i) {
    if (i % 50 == 7) {
      return new byte[] {(byte) 0xff};
    }
    GenericRecord record = new GenericData.Record(LISTEN);
    record.put("id", "ex-" + i);
    record.put("listen_minutes", (i % 9) * 0.5);
    record.put("genre", i % 2 == 0 ? "rock" : "pop");
    return Fixtures.avroBinary(record);
  }
}
