package io.crossdistill.teacher.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.crossdistill.teacher.TestTeacher;
import io.crossdistill.teacher.ServiceTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One error model at the edge, through real HTTP: every failure of the JSON layer (binding, parsing,
 * nesting, duplicate keys), of the HTTP layer (404, 405, 406, 413, 414, 415, 431) and of Avro binary
 * bodies is a 4xx {@code application/problem+json} with a detail that says what was wrong, and a JSON
 * pointer where one is known; none is a 5xx or an empty body.
 */
@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
class ErrorModelTest {

  private static RequestSpecification music() {
    return given().header("X-Api-Key", Fixtures.MUSIC_KEY);
  }

  /** The status, the problem+json media type, the status repeated in the body and a detail. */
  private static ValidatableResponse problem(ValidatableResponse response, int status) {
    return response.statusCode(status).contentType(startsWith("application/problem+json"))
        .body("status", equalTo(status)).body("title", not(emptyOrNullString()))
        .body("detail", not(emptyOrNullString()));
  }

  /** This class's own Listen schema namespace: no other class registers it in the shared service. */
  static final String NS = "com.music.errors";
  private static boolean registered;

  /** The teacher serves before each test; the basics are registered once, by the first test of the class. */
  @BeforeEach
  void registerBasics() {
    TestTeacher.ensureServing();
    if (registered) {
      return;
    }
    music().contentType(ContentType.JSON).body(Fixtures.listenSchema(NS)).post("/api/v1/schemas")
        .then().statusCode(201);
    music().contentType(ContentType.JSON).body(Fixtures.mapping("errors-map", 10, NS)).post("/api/v1/mappings")
        .then().statusCode(201);
    music().contentType(ContentType.JSON).body(Fixtures.alignment("errors-align", "{\"type\": \"identity\"}"))
        .post("/api/v1/alignments").then().statusCode(201);
    registered = true;
  }

  @Test
  void jsonBody_withAnOverlongUtf8Form_is400_notReadAsASlash() {
    byte[] head = "{\"path\": \"video-v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] tail = "\", \"serve\": false}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] body = new byte[head.length + 2 + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    body[head.length] = (byte) 0xC0;
    body[head.length + 1] = (byte) 0xAF;
    System.arraycopy(tail, 0, body, head.length + 2, tail.length);
    problem(given().header("X-Api-Key", Fixtures.OPS_KEY).contentType(ContentType.JSON).body(body)
        .post("/api/v1/teachers").then(), 400)
        .body("detail", containsString("not valid UTF-8"))
        .body("detail", containsString("byte C0"));
  }

  @Test
  void labelsRequest_whoseMappingIsNotAString_is400AtItsPointer() {
    problem(music().contentType(ContentType.JSON).body("{\"mapping\": [\"errors-map\"], \"alignment\": \"errors-align\","
        + " \"records\": []}").post("/api/v1/labels").then(), 400)
        .body("errors[0].pointer", equalTo("/mapping"))
        .body("errors[0].message", equalTo("must be a string, not an array"));
  }

  @Test
  void fitRequest_whoseBodyIsNotAnObject_is400() {
    problem(music().contentType(ContentType.JSON).body("[1, 2, 3]").post("/api/v1/alignments/errors-align/fit")
        .then(), 400)
        .body("errors[0].pointer", equalTo(""))
        .body("errors[0].message", equalTo("must be an object, not an array"));
  }

  @Test
  void teacherRegistration_whosePathIsAnArray_is400AtItsPointer() {
    problem(given().header("X-Api-Key", Fixtures.OPS_KEY).contentType(ContentType.JSON)
        .body("{\"path\": [\"video-v1\"], \"serve\": false}").post("/api/v1/teachers").then(), 400)
        .body("errors[0].pointer", equalTo("/path"));
  }

  @Test
  void sampleRecord_ofTheWrongType_is400AtTheNestedPointer() {
    problem(music().contentType(ContentType.JSON).body("{\"mapping\": \"errors-map\", \"sample\": [{\"record\": {}, "
        + "\"labels\": {}}, {\"record\": {}, \"labels\": {}}, \"not a labelled record\"]}")
        .post("/api/v1/alignments/errors-align/fit").then(), 400)
        .body("errors[0].pointer", equalTo("/sample/2"));
  }

  @Test
  void unparsableJson_is400WithWhereParsingStopped() {
    problem(music().contentType(ContentType.JSON).body("{\"mapping\": \"errors-map\", \"alignment\": }")
        .post("/api/v1/labels").then(), 400)
        .body("detail", containsString("not valid JSON"))
        .body("detail", containsString("line 1"));
  }

  @Test
  void deeplyNestedJson_is400NamingTheLimit() {
    char[] open = new char[100_000];
    Arrays.fill(open, '[');
    problem(music().contentType(ContentType.JSON).body(new String(open)).post("/api/v1/mappings").then(), 400)
        .body("detail", containsString("nesting depth"));
  }

  @Test
  void duplicateKey_is400NamingTheKey() {
    problem(music().contentType(ContentType.JSON).body("{\"mapping\": \"errors-map\", \"alignment\": \"errors-align\", "
        + "\"mapping\": \"other\", \"records\": []}").post("/api/v1/labels").then(), 400)
        .body("detail", containsString("Duplicate field 'mapping'"));
  }

  @Test
  void unknownPath_is404_insideAndOutsideTheApi() {
    problem(music().get("/api/v1/no-such-thing").then(), 404).body("detail", containsString("/api/v1/no-such-thing"));
    problem(given().get("/no-such-page").then(), 404).body("detail", containsString("/no-such-page"));
  }

  @Test
  void pathParameterOfTheWrongType_is404() {
    problem(music().get("/api/v1/mappings/errors-map/versions/latest").then(), 404);
  }

  @Test
  void methodNotAllowed_is405WithTheAllowedMethods() {
    problem(music().delete("/api/v1/schemas").then(), 405).body("detail", containsString("DELETE"));
  }

  @Test
  void unacceptableMediaType_is406() {
    problem(music().accept("application/xml").get("/api/v1/teachers").then(), 406)
        .body("detail", containsString("application/xml"));
  }

  @Test
  void unsupportedMediaType_is415() {
    problem(music().contentType("text/csv").body("a,b").post("/api/v1/labels").then(), 415)
        .body("detail", containsString("text/csv"));
  }

  @Test
  void oversizedBody_is413() {
    byte[] body = new byte[2 * 1024 * 1024]; // the test profile's limit is 1M
    Arrays.fill(body, (byte) ' ');
    problem(music().contentType(ContentType.JSON).body(body).post("/api/v1/mappings").then(), 413)
        .body("detail", containsString("max-body-size"));
  }

  @Test
  void longUri_is414() {
    problem(music().queryParam("padding", "x".repeat(10_000)).get("/api/v1/teachers").then(), 414)
        .body("detail", containsString("at most 4096"));
  }

  @Test
  void largeHeaders_are431() {
    problem(music().header("X-Padding", "x".repeat(30_000)).get("/api/v1/teachers").then(), 431);
  }

  @Test
  void avroBinary_declaringAHugeString_is400_notAnAllocation() {
    // a string length of 2^31 - 9 (zig-zag varint), then nothing: Avro would allocate it before reading
    byte[] body = {(byte) 0xee, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
    problem(avro(body), 400).body("errors[0].message", containsString("record 0 (from byte 0)"))
        .body("errors[0].message", containsString("are left"));
  }

  @Test
  void avroBinary_cutShortOrGarbage_is400() {
    problem(avro(new byte[] {2, 'x', 0x7f}), 400).body("errors[0].message", containsString("record 0"));
    byte[] garbage = new byte[4096];
    new java.util.Random(13).nextBytes(garbage);
    problem(avro(garbage), 400);
    problem(avro(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
        (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}), 400)
        .body("errors[0].message", containsString("longer than 10 bytes"));
  }

  @Test
  void avroBinary_goodRecordsThenGarbage_is400NamingTheBadRecord() throws IOException {
    Schema schema = new Schema.Parser().parse(Fixtures.LISTEN_SCHEMA);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    GenericRecord record = new GenericData.Record(schema);
    record.put("id", "ok");
    record.put("listen_minutes", 1.5);
    record.put("genre", "rock");
    new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
    new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
    encoder.flush();
    int good = bytes.size();
    bytes.write(new byte[] {4, 'o', 'k', 1, 2, 3});
    problem(avro(bytes.toByteArray()), 400)
        .body("errors[0].message", startsWith("record 2 (from byte " + good + ")"));
  }

  private static ValidatableResponse avro(byte[] body) {
    return music().contentType("avro/binary").body(body)
        .queryParam("mapping", "errors-map").queryParam("alignment", "errors-align")
        .post("/api/v1/labels").then();
  }
}
