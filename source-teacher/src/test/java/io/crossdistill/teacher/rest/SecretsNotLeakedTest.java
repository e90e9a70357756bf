package io.crossdistill.teacher.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.crossdistill.teacher.ServiceTestResource;
import io.crossdistill.teacher.TestTeacher;
import io.crossdistill.teacher.security.ApiKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No key value leaves the service: requests with valid, invalid and other teams' keys, answered and failing
 * (401, 403, 404, 400, 409, 415, and 413 where the client gets to read it), in the {@code X-Api-Key} header and as a bearer token; neither any
 * answer (body and headers) nor the service log written meanwhile — captured by a handler on the root
 * logger, with the service's and the REST layer's loggers at DEBUG — holds a key or a configured key hash.
 */
@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
class SecretsNotLeakedTest {

  private static final List<String> VALID = List.of(Fixtures.MUSIC_KEY, Fixtures.PODCAST_KEY, Fixtures.OPS_KEY);
  private static final List<String> INVALID = List.of("sk-live-4f9d2c7e1b8a6053", Fixtures.MUSIC_KEY + "-old",
      "Zm9vYmFyLXNlY3JldC1rZXk=", "clé-secrète-ünïcode", "k".repeat(300));
  private static final List<String> DEBUG_LOGGERS = List.of("io.crossdistill", "org.jboss.resteasy.reactive",
      "io.quarkus.resteasy.reactive", "io.quarkus.vertx.http", "io.quarkus.rest");

  private static final AtomicInteger MAPPINGS = new AtomicInteger();
  private static MusicObjects objects;

  @BeforeEach
  void registerTheMusicTeamsObjects() {
    TestTeacher.ensureServing();
    if (objects == null) {
      objects = MusicObjects.register("secrets");
    }
  }

  @Test
  void keys_appearInNoAnswerAndNoLogLine_ofPassingOrFailingRequests() {
    Capture log = Capture.start(DEBUG_LOGGERS);
    List<String> answers = new ArrayList<>();
    try {
      for (String key : concat(VALID, INVALID)) {
        for (Function<String, RequestSpecification> sendKey : List.<Function<String, RequestSpecification>>of(
            k -> given().header("X-Api-Key", k), k -> given().header("Authorization", "Bearer " + k))) {
          for (Function<RequestSpecification, Response> request : requests()) {
            Response answer;
            try {
              answer = request.apply(sendKey.apply(key));
            } catch (Exception e) { // REST Assured rethrows the socket's checked exception as it is
              // the oversized body: the service may answer and close before the client has sent all of it
              assertThat(e).satisfiesAnyOf(x -> assertThat(x).isInstanceOf(SocketException.class),
                  x -> assertThat(x).hasRootCauseInstanceOf(SocketException.class));
              continue;
            }
            answers.add(answer.statusCode() + " " + answer.headers() + "\n" + answer.asString());
          }
        }
      }
    } finally {
      log.stop();
    }
    assertThat(answers).extracting(a -> a.substring(0, 3)).contains("200", "201", "401", "403", "404", "400",
        "409", "415");
    assertThat(log.text()).as("the log captured while the requests ran").contains("secrets capture started");
    assertThat(log.lines).as("lines the service logged while the requests ran (not only the capture's own)")
        .anyMatch(line -> !line.contains("secrets capture started"));
    for (String secret : secrets()) {
      assertThat(answers).as("answers").noneMatch(a -> a.contains(secret));
      assertThat(log.text()).as("the service log").doesNotContain(secret);
    }
  }

  /** Requests answered in every way, given the way the key is sent. */
  private static List<Function<RequestSpecification, Response>> requests() {
    Map<String, Object> labels = Map.of("mapping", objects.mapping(), "alignment", objects.alignment(),
        "records", List.of(MusicObjects.record("ok"), Map.of("id", "bad", "listen_minutes", "lots")));
    return List.of(
        r -> r.get("/api/v1/teachers"),
        r -> r.get("/api/v1/mappings/" + objects.mapping()),
        r -> r.get("/api/v1/mappings/no-such-mapping"),
        r -> r.get("/api/v1/label-sets/" + objects.labelSet()),
        r -> r.contentType(ContentType.JSON).body(labels).post("/api/v1/labels"),
        r -> r.contentType(ContentType.JSON).body("{\"mapping\": [1, 2], \"records\": {").post("/api/v1/labels"),
        r -> r.contentType(ContentType.JSON).body(Fixtures.listenSchemaIncompatible("com.music." + objects.prefix()))
            .post("/api/v1/schemas"),
        r -> r.contentType(ContentType.JSON).body("{\"path\": \"../outside\"}").post("/api/v1/teachers"),
        r -> r.contentType(ContentType.JSON).body(Map.of("path", TestTeacher.DIR, "serve", true)).post("/api/v1/teachers"),
        r -> r.contentType(ContentType.JSON).body(Fixtures.mapping("secrets-" + MAPPINGS.incrementAndGet(), 3,
            "com.music." + objects.prefix())).post("/api/v1/mappings"),
        r -> r.contentType(ContentType.TEXT).body("x").post("/api/v1/mappings"),
        r -> r.contentType(ContentType.JSON).body("{\"records\": [\"" + "x".repeat(1_100_000) + "\"]}")
            .post("/api/v1/labels"),
        r -> r.post("/api/v1/backfills/" + objects.backfill() + "/cancel"));
  }

  /** Every key value sent, and the hashes the configuration holds. */
  private static List<String> secrets() {
    List<String> secrets = new ArrayList<>(concat(VALID, INVALID));
    VALID.forEach(k -> secrets.add(ApiKeys.hash(k)));
    return secrets;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** Every record logged through the root logger while it runs, with the given loggers at DEBUG. */
  private static final class Capture extends Handler {
    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final List<Logger> raised = new ArrayList<>();
    private final List<Level> levels = new ArrayList<>();

    static Capture start(List<String> debugLoggers) {
      Capture capture = new Capture();
      capture.setLevel(Level.ALL);
      for (String name : debugLoggers) {
        Logger logger = Logger.getLogger(name);
        capture.raised.add(logger);
        capture.levels.add(logger.getLevel());
        logger.setLevel(Level.FINE);
      }
      Logger.getLogger("").addHandler(capture);
      // a line through the service's own logger proves the handler sees what the service logs
      org.jboss.logging.Logger.getLogger(ServiceTestResource.class).debug("secrets capture started");
      return capture;
    }

    void stop() {
      Logger.getLogger("").removeHandler(this);
      for (int i = 0; i < raised.size(); i++) {
        raised.get(i).setLevel(levels.get(i));
      }
    }

    String text() {
      return String.join("\n", lines);
    }

    @Override
    public void publish(LogRecord record) {
      // the message with its parameters, and the stack trace of a thrown exception
      lines.add(record.getLoggerName() + " " + formatter.format(record));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  }
}
