package io.crossdistill.teacher.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.crossdistill.teacher.ServiceTestResource;
import io.crossdistill.teacher.TestTeacher;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Serving a new teacher version while concurrent callers ask for labels over real HTTP: no request
 * fails, every answer names one of the two versions, and its labels are exactly that version's.
 */
@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
class HotSwapTest {

  private static final String NS = "com.music.hotswap";
  private static final int CALLERS = 8;
  private static final List<String> GENRES = List.of("rock", "pop", "jazz");

  /** A label request's answer: the version that made it and each record's label values. */
  private record Answer(int status, String teacherHash, Set<String> provenanceHashes, Map<String, List<Float>> labels,
      String body) {
  }

  @AfterEach
  void serveTheFirstVersionAgain() {
    TestTeacher.ensureServing();
  }

  @Test
  void servingANewVersion_underConcurrentCallers_failsNoRequestAndMixesNoVersions() throws Exception {
    TestTeacher.ensureServing();
    TestTeacher.ensureSecondVersion();
    // this class's own schema namespace and names: nothing else in the shared service registers them
    music().contentType(ContentType.JSON).body(Fixtures.listenSchema(NS)).post("/api/v1/schemas")
        .then().statusCode(201).body("version", equalTo(1));
    music().contentType(ContentType.JSON).body(Fixtures.mapping("hot-swap", 10, NS)).post("/api/v1/mappings")
        .then().statusCode(201).body("version", equalTo(1));
    music().contentType(ContentType.JSON).body(Fixtures.alignment("hot-swap", "{\"type\": \"identity\"}"))
        .post("/api/v1/alignments").then().statusCode(201).body("version", equalTo(1));

    Answer firstFresh = label(allRecords(), false);
    String first = firstFresh.teacherHash();

    ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    CountDownLatch warmedUp = new CountDownLatch(CALLERS);
    CountDownLatch swapped = new CountDownLatch(1);
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
    List<Future<?>> running = new ArrayList<>();
    try {
      for (int c = 0; c < CALLERS; c++) {
        int caller = c;
        running.add(callers.submit(() -> {
          int sent = 0;
          int afterSwap = 0;
          while (!stop.get() && afterSwap < 5) {
            List<Map<String, Object>> records = List.of(record(caller, sent), record(caller + 1, sent));
            answers.add(label(records, sent % 2 == 0));
            sent++;
            if (sent == 3) {
              warmedUp.countDown();
            }
            if (swapped.getCount() == 0) {
              afterSwap++;
            }
          }
          return null;
        }));
      }
      assertThat(warmedUp.await(2, TimeUnit.MINUTES)).as("every caller got answers before the swap").isTrue();
      TestTeacher.serveSecondVersion();
      swapped.countDown();
      Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> running.stream().allMatch(Future::isDone));
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      stop.set(true);
      callers.shutdownNow();
    }

    Answer secondFresh = label(allRecords(), false);
    String second = secondFresh.teacherHash();
    assertThat(second).isNotEqualTo(first);
    Map<String, Map<String, List<Float>>> freshByHash = Map.of(first, firstFresh.labels(), second, secondFresh.labels());
    assertThat(answers).allSatisfy(answer -> {
      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      assertThat(answer.teacherHash()).isIn(first, second);
      assertThat(answer.provenanceHashes()).containsExactly(answer.teacherHash());
      Map<String, List<Float>> fresh = freshByHash.get(answer.teacherHash());
      answer.labels().forEach((id, values) -> {
        List<Float> expected = fresh.get(id);
        assertThat(values).hasSameSizeAs(expected);
        for (int i = 0; i < values.size(); i++) {
          // a row's outputs do not depend on which rows shared its forward pass, up to float rounding
          assertThat(values.get(i)).as("record %s, label %d", id, i).isCloseTo(expected.get(i),
              org.assertj.core.data.Offset.offset(1e-5f * Math.max(1f, Math.abs(expected.get(i)))));
        }
      });
    });
    assertThat(answers).extracting(Answer::teacherHash).contains(first, second);
  }

  private static Map<String, Object> record(int i, int n) {
    int k = (i + n) % (2 * GENRES.size() * 2);
    return Map.of("id", "k" + k, "listen_minutes", 0.5 * (k % 4), "genre", GENRES.get(k % GENRES.size()));
  }

  private static List<Map<String, Object>> allRecords() {
    List<Map<String, Object>> all = new ArrayList<>();
    for (int k = 0; k < 2 * GENRES.size() * 2; k++) {
      all.add(record(k, 0));
    }
    return all;
  }

  private static Answer label(List<Map<String, Object>> records, boolean cache) {
    Response response = music().contentType(ContentType.JSON).queryParam("cache", cache)
        .body(Map.of("mapping", "hot-swap@1", "alignment", "hot-swap@1", "records", records))
        .post("/api/v1/labels");
    String body = response.asString();
    if (response.statusCode() != 200) {
      return new Answer(response.statusCode(), "", Set.of(), Map.of(), body);
    }
    JsonPath json = response.jsonPath();
    Map<String, List<Float>> labels = new HashMap<>();
    List<String> ids = json.getList("labels.exampleId", String.class);
    for (int i = 0; i < ids.size(); i++) {
      labels.put(ids.get(i), json.getList("labels[" + i + "].labels.value", Float.class));
    }
    return new Answer(200, json.getString("teacherHash"), Set.copyOf(json.getList("labels.provenance.teacherHash",
        String.class)), labels, body);
  }

  private static io.restassured.specification.RequestSpecification music() {
    return given().header("X-Api-Key", Fixtures.MUSIC_KEY);
  }

  private static io.restassured.specification.RequestSpecification as(String key) {
    return given().header("X-Api-Key", key);
  }
}
