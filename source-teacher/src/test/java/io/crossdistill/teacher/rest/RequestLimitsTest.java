package io.crossdistill.teacher.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.crossdistill.teacher.ServiceTestResource;
import io.crossdistill.teacher.TestTeacher;
import io.crossdistill.teacher.backfill.ListenFiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Bounded requests at their limits, as the test profile sets them: a body of
 * {@code quarkus.http.limits.max-body-size} (1 MiB) is read and one byte more is 413; a labels request of
 * {@code crossdistill.labels.max-batch} (64) records is labelled, JSON or Avro binary, and one more record is
 * 400; a backfill's batch rows are in [1, 65536]; a request line longer than
 * {@code quarkus.http.limits.max-initial-line-length} (4096) is 414. Every refusal is problem+json.
 */
@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
class RequestLimitsTest {

  private static final int MAX_BODY = 1024 * 1024;
  private static final int MAX_BATCH = 64;
  private static final String PROBLEM = "application/problem+json";

  private static MusicObjects objects;

  @BeforeEach
  void registerTheMusicTeamsObjects() {
    TestTeacher.ensureServing();
    if (objects == null) {
      objects = MusicObjects.register("limits");
    }
  }

  @Test
  void aBodyOfTheMaximumSize_isRead_andOneByteMore_is413ProblemJson() {
    String atLimit = labelsBodyOfSize(MAX_BODY);
    assertThat(atLimit.getBytes(StandardCharsets.UTF_8)).hasSize(MAX_BODY);
    MusicObjects.music().contentType(ContentType.JSON).body(atLimit).post("/api/v1/labels")
        .then().statusCode(200).body("labelled", equalTo(1));
    Response over = MusicObjects.music().contentType(ContentType.JSON).body(labelsBodyOfSize(MAX_BODY + 1))
        .post("/api/v1/labels");
    assertThat(over.statusCode()).isEqualTo(413);
    assertThat(over.contentType()).as("413 body: '%s'", over.asString()).startsWith(PROBLEM);
    assertThat(over.jsonPath().getInt("status")).isEqualTo(413);
  }

  @Test
  void aLabelsBatchOfTheMaximumSize_isLabelled_andOneRecordMore_is400AtRecords() throws IOException {
    MusicObjects.music().contentType(ContentType.JSON).body(labelsRequest(records(MAX_BATCH)))
        .post("/api/v1/labels").then().statusCode(200).body("labelled", equalTo(MAX_BATCH));
    MusicObjects.music().contentType(ContentType.JSON).body(labelsRequest(records(MAX_BATCH + 1)))
        .post("/api/v1/labels").then().statusCode(400).contentType(PROBLEM)
        .body("status", equalTo(400)).body("errors[0].pointer", equalTo("/records"))
        .body("errors[0].message", containsString("at most " + MAX_BATCH));

    MusicObjects.music().contentType("avro/binary").body(avroRecords(MAX_BATCH))
        .queryParam("mapping", objects.mapping()).queryParam("alignment", objects.alignment())
        .post("/api/v1/labels").then().statusCode(200).body("labelled", equalTo(MAX_BATCH));
    MusicObjects.music().contentType("avro/binary").body(avroRecords(MAX_BATCH + 1))
        .queryParam("mapping", objects.mapping()).queryParam("alignment", objects.alignment())
        .post("/api/v1/labels").then().statusCode(400).contentType(PROBLEM)
        .body("errors[0].pointer", equalTo("/records")).body("errors[0].message", containsString("at most " + MAX_BATCH));
  }

  @Test
  void backfillBatchRows_areBoundedTo65536_andShardRecordsMustBePositive() throws IOException {
    ListenFiles.write(MusicObjects.inputs().resolve("limits-batch.avro"),
        new Schema.Parser().parse(Fixtures.listenSchema("com.music." + objects.prefix())), 3, 100);
    Map<String, Object> atLimit = new HashMap<>(backfill(Map.of("batchRows", 65_536)));
    atLimit.put("input", Map.of("type", "avro", "path", "limits-batch.avro"));
    MusicObjects.music().contentType(ContentType.JSON).body(atLimit).post("/api/v1/backfills").then().statusCode(202);
    for (Map<String, Object> bad : List.of(Map.<String, Object>of("batchRows", 65_537), Map.<String, Object>of("batchRows", 0),
        Map.<String, Object>of("shardRecords", 0), Map.<String, Object>of("shardRecords", -1))) {
      String pointer = "/" + bad.keySet().iterator().next();
      MusicObjects.music().contentType(ContentType.JSON).body(backfill(bad)).post("/api/v1/backfills")
          .then().statusCode(400).contentType(PROBLEM).body("errors.pointer", hasItem(pointer));
    }
    // a number past what the field holds is refused, not wrapped
    MusicObjects.music().contentType(ContentType.JSON)
        .body("{\"mapping\": \"" + objects.mapping() + "\", \"batchRows\": 4294967297}").post("/api/v1/backfills")
        .then().statusCode(400).contentType(PROBLEM);
  }

  @Test
  void aRequestLineLongerThanTheLimit_is414ProblemJson_andAShorterOneIsRouted() {
    MusicObjects.music().get("/api/v1/mappings/" + "m".repeat(3000)).then().statusCode(404).contentType(PROBLEM);
    Response tooLong = MusicObjects.music().get("/api/v1/mappings/" + "m".repeat(5000));
    assertThat(tooLong.statusCode()).isEqualTo(414);
    assertThat(tooLong.contentType()).as("414 body: '%s'", tooLong.asString()).startsWith(PROBLEM);
  }

  @Test
  void headersLargerThanTheLimit_areRefusedWithProblemJson() {
    Response tooLarge = io.restassured.RestAssured.given().header("X-Api-Key", "k".repeat(30_000))
        .get("/api/v1/teachers");
    assertThat(tooLarge.statusCode()).isEqualTo(431);
    assertThat(tooLarge.contentType()).as("431 body: '%s'", tooLarge.asString()).startsWith(PROBLEM);
    assertThat(tooLarge.asString()).doesNotContain("kkkkkkkk");
  }

  /** A valid one-record labels request padded with an ignored property to exactly {@code size} bytes. */
  private static String labelsBodyOfSize(int size) {
    String head = "{\"mapping\": \"" + objects.mapping() + "\", \"alignment\": \"" + objects.alignment()
        + "\", \"records\": [" + Fixtures.record("big", 1.0, "rock") + "], \"padding\": \"";
    String tail = "\"}";
    return head + "x".repeat(size - head.length() - tail.length()) + tail;
  }

  private static Map<String, Object> labelsRequest(List<Map<String, Object>> records) {
    return Map.of("mapping", objects.mapping(), "alignment", objects.alignment(), "records", records);
  }

  private static List<Map<String, Object>> records(int n) {
    List<Map<String, Object>> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      records.add(MusicObjects.record("r" + i));
    }
    return records;
  }

  private static byte[] avroRecords(int n) throws IOException {
    Schema schema = new Schema.Parser().parse(Fixtures.listenSchema("com.music." + objects.prefix()));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(schema);
    for (int i = 0; i < n; i++) {
      GenericRecord record = new GenericData.Record(schema);
      record.put("id", "a" + i);
      record.put("listen_minutes", 0.5 * i);
      record.put("genre", "pop");
      writer.write(record, encoder);
    }
    encoder.flush();
    return bytes.toByteArray();
  }

  private static Map<String, Object> backfill(Map<String, Object> overrides) {
    Map<String, Object> body = new HashMap<>(MusicObjects.backfillRequest(objects.mapping(), objects.alignment(),
        objects.input()));
    body.putAll(overrides);
    return body;
  }
}
