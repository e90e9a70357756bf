package io.crossdistill.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * REST fuzzing: at least 10,000 malformed requests from {@link MalformedRequests} (seeded: the seed and
 * each failing request's index are printed, {@code -Dcrossdistill.reliability.seed=N} replays), spread over
 * every operation of the OpenAPI document. Every answer must be a 4xx {@code application/problem+json}
 * with a body (a garbage Avro labels request may also be a 200 that refuses what it cannot read), never
 * a 5xx, and no request may change what any team sees of the registry, checked after every chunk.
 */
class FuzzTest {

  private static final int CHUNK = 500;
  private static Http http;
  private static List<Operation> operations;
  private static SafeRequests safeRequests;

  @BeforeAll
  static void startService() {
    SharedService shared = SharedService.get();
    http = shared.http();
    JsonNode job = shared.firstJob();
    safeRequests = new SafeRequests(job.path("id").asText(), job.path("labelSet").asText());
    operations = Operation.fromOpenApi(http.get("/q/openapi?format=json", Teams.MUSIC).expect(200).json());
  }

  @Test
  void malformedRequests_areAnswered4xxProblemJson_neverChangeTheRegistry() throws Exception {
    long seed = Long.getLong("crossdistill.reliability.seed", 13);
    int requests = Integer.getInteger("crossdistill.reliability.fuzz-requests", 10_000);
    assertThat(operations).as("operations in the OpenAPI document").hasSizeGreaterThanOrEqualTo(30);
    MalformedRequests generator = new MalformedRequests(seed, operations, safeRequests, SharedService.LIMITS);
    Map<Malformation, Tally> byMalformation = new EnumMap<>(Malformation.class);
    Map<String, Tally> byOperation = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    java.util.Set<String> failureKinds = new java.util.HashSet<>();
    List<String> registryChanges = new ArrayList<>();
    RegistrySnapshot before = RegistrySnapshot.take(http);
    assertThat(RegistrySnapshot.take(http)).as("two snapshots in a row").isEqualTo(before);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int start = 0; start < requests; start += CHUNK) {
        List<Future<Outcome>> chunk = new ArrayList<>();
        for (long i = start; i < Math.min(requests, start + CHUNK); i++) {
          MalformedRequests.Attempt attempt = generator.attempt(i);
          chunk.add(pool.submit(() -> send(attempt)));
        }
        for (Future<Outcome> future : chunk) {
          Outcome outcome = future.get();
          byMalformation.computeIfAbsent(outcome.attempt().malformation(), m -> new Tally()).add(outcome);
          byOperation.computeIfAbsent(outcome.attempt().operation().toString(), o -> new Tally()).add(outcome);
          String kind = outcome.attempt().malformation() + " " + outcome.attempt().operation() + " " + outcome.status();
          if (outcome.problem() != null && failureKinds.add(kind)) {
            failures.add("seed " + seed + " request #" + outcome.attempt().index() + " ("
                + outcome.attempt().malformation() + "): " + outcome.attempt().request().describe() + "\n    -> "
                + outcome.problem());
          }
        }
        RegistrySnapshot after = RegistrySnapshot.take(http);
        if (!after.equals(before)) {
          registryChanges.add("requests #" + start + " to #" + (start + CHUNK - 1) + " changed:\n"
              + after.differencesFrom(before));
          before = after;
        }
      }
    } finally {
      pool.shutdownNow();
    }
    print(seed, requests, byMalformation, byOperation);
    System.out.println("\nFirst failing request of each (malformation, operation, status):");
    failures.forEach(System.out::println);
    assertThat(byOperation).as("operations tried").hasSize(operations.size());
    assertThat(registryChanges).as("registry changes by invalid requests").isEmpty();
    assertThat(failures).as("requests answered otherwise than 4xx problem+json (seed " + seed + ")").isEmpty();
  }

  private static Outcome send(MalformedRequests.Attempt attempt) {
    UncheckedIOException failure;
    try {
      Http.Response response = http.send(attempt.request());
      return new Outcome(attempt, Integer.toString(response.status()), verdict(attempt, response));
    } catch (UncheckedIOException e) {
      failure = e;
    }
    // once more on a new connection: the pooled one may have been closed by the service after a 413 or 414
    try {
      Http.Response response = http.sendOnNewConnection(attempt.request());
      return new Outcome(attempt, Integer.toString(response.status()), verdict(attempt, response));
    } catch (UncheckedIOException e) {
      failure = e;
    }
    if (attempt.malformation() == Malformation.OVERSIZED_BODY) {
      // the service may answer 413 and close while the body is still being sent: the client then sees a
      // reset instead of the answer (HTTP/1.1 without 100-continue); the body was refused all the same
      return new Outcome(attempt, "reset while sending", null);
    }
    return new Outcome(attempt, "no answer", "no answer: " + failure.getCause());
  }

  /** Null when the answer is what a malformed request must get, else what is wrong with it. */
  private static String verdict(MalformedRequests.Attempt attempt, Http.Response response) {
    int status = response.status();
    String shown = status + " [" + response.contentType() + "] " + abbreviate(response.text());
    if (status == 200 && attempt.malformation() == Malformation.AVRO_GARBAGE) {
      JsonNode body = response.json();
      return body.has("labelled") && body.has("refused") ? null : "a 200 that is no labels answer: " + shown;
    }
    if (status == 200 && attempt.operation().template().endsWith("/validation")) {
      // a validation answers every problem of the text it was given in a 200 report
      JsonNode body = response.json();
      return body.path("valid").isBoolean() && body.path("errors").isArray() ? null
          : "a 200 that is no validation report: " + shown;
    }
    if (status < 400 || status >= 500) {
      return "not a 4xx: " + shown;
    }
    if (!response.contentType().startsWith("application/problem+json")) {
      return "not application/problem+json: " + shown;
    }
    if (response.body().length == 0) {
      return "an empty problem: " + shown;
    }
    return null;
  }

  private static String abbreviate(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }

  private static void print(long seed, int requests, Map<Malformation, Tally> byMalformation, Map<String, Tally> byOperation) {
    ResultTable table = new ResultTable("Fuzz: " + requests + " malformed requests, seed " + seed + ", "
        + byOperation.size() + " operations", "malformation", "requests", "operations", "statuses seen", "held");
    byMalformation.forEach((malformation, tally) -> table.row(malformation.description(), tally.requests,
        tally.operations.size(), tally.statuses(), tally.held()));
    table.print();
    ResultTable perOperation = new ResultTable("Fuzz by operation", "operation", "requests", "statuses seen", "held");
    byOperation.forEach((operation, tally) -> perOperation.row(operation, tally.requests, tally.statuses(), tally.held()));
    perOperation.print();
  }

  private record Outcome(MalformedRequests.Attempt attempt, String status, String problem) {
  }

  /** Counts of one row. */
  private static final class Tally {
    int requests;
    int failed;
    final Map<String, Integer> statuses = new TreeMap<>();
    final java.util.Set<String> operations = new java.util.HashSet<>();

    void add(Outcome outcome) {
      requests++;
      failed += outcome.problem() == null ? 0 : 1;
      statuses.merge(outcome.status(), 1, Integer::sum);
      operations.add(outcome.attempt().operation().toString());
    }

    String statuses() {
      Map<String, Integer> shown = new LinkedHashMap<>(statuses);
      return String.join(" ", shown.entrySet().stream().map(e -> e.getKey() + "×" + e.getValue()).toList());
    }

    String held() {
      return failed == 0 ? "yes" : "NO (" + failed + " failed)";
    }
  }
}
