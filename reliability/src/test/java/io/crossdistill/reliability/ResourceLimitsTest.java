package io.crossdistill.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.crossdistill.teacher.rest.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Limits that hold under pressure: backfills beyond {@code crossdistill.backfill.max-concurrent} wait
 * QUEUED and then all finish; clients that send slowly, stop mid-headers or hang up mid-body cost nothing
 * lasting (other requests are answered meanwhile; threads, heap and registry are back where they were).
 */
class ResourceLimitsTest {

  private static final int MAX_CONCURRENT = SharedService.MAX_CONCURRENT;
  private static final int JOBS = 4;
  private static final int SLOW_CLIENTS = 40;

  private static ServiceProcess service;
  private static Http http;

  @BeforeAll
  static void startService() {
    service = SharedService.get().service();
    http = SharedService.get().http();
  }

  @Test
  void backfillsBeyondMaxConcurrent_waitQueued_thenAllSucceed() {
    List<String> ids = new ArrayList<>();
    Set<String> statesAtSubmission = new HashSet<>();
    for (int j = 0; j < JOBS; j++) {
      String file = "queue-" + j + ".avro";
      MusicTeam.writeListens(service.inputs().resolve(file), 3_000 + j, 40);
    }
    for (int j = 0; j < JOBS; j++) {
      Http.Response response = http.postJson("/api/v1/backfills", Teams.MUSIC,
          MusicTeam.backfillBody("queue-" + j + ".avro", Map.of("batchRows", 2, "shardRecords", 500)));
      assertThat(response.status()).as(response.text()).isEqualTo(202);
      ids.add(response.json().path("id").asText());
      statesAtSubmission.add(response.json().path("state").asText());
    }
    int[] mostRunning = {0};
    boolean[] queuedWhileFull = {false};
    Set<String> seen = new HashSet<>();
    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
      int running = 0;
      int queued = 0;
      int ended = 0;
      // one list answer per poll: the states of one moment (job by job, a job could end and the next start between reads)
      for (JsonNode job : http.get("/api/v1/backfills", Teams.MUSIC).expect(200).json()) {
        if (!ids.contains(job.path("id").asText())) {
          continue;
        }
        String state = job.path("state").asText();
        seen.add(state);
        running += state.equals("RUNNING") ? 1 : 0;
        queued += state.equals("QUEUED") ? 1 : 0;
        ended += Backfills.ENDED.contains(state) ? 1 : 0;
      }
      mostRunning[0] = Math.max(mostRunning[0], running);
      queuedWhileFull[0] |= running == MAX_CONCURRENT && queued > 0;
      return ended == ids.size();
    });
    List<String> finalStates = ids.stream().map(id -> Backfills.job(http, id).path("state").asText()).toList();
    new ResultTable("Resource limits: " + JOBS + " backfills submitted at once, max-concurrent " + MAX_CONCURRENT,
        "check", "seen", "held")
        .row("states in the submission answers", statesAtSubmission, "-")
        .row("a poll with " + MAX_CONCURRENT + " RUNNING and others QUEUED", queuedWhileFull[0], queuedWhileFull[0] ? "yes" : "NO")
        .row("most jobs RUNNING at one poll", mostRunning[0], mostRunning[0] <= MAX_CONCURRENT ? "yes" : "NO")
        .row("states seen while polling", seen, "-")
        .row("final states", finalStates, finalStates.stream().allMatch("SUCCEEDED"::equals) ? "yes" : "NO")
        .print();
    assertThat(queuedWhileFull[0]).as("jobs beyond the limit seen QUEUED while the limit ran").isTrue();
    assertThat(mostRunning[0]).isLessThanOrEqualTo(MAX_CONCURRENT);
    assertThat(finalStates).containsOnly("SUCCEEDED");
  }

  @Test
  void slowAndVanishingClients_costNothingLasting() {
    warmUp();
    RegistrySnapshot registryBefore = RegistrySnapshot.take(http);
    int threadsBefore = JvmProbe.liveThreads(http);
    double heapBefore = JvmProbe.heapAfterGcMb(service, http);

    String schemaV2 = Fixtures.LISTEN_SCHEMA_V2;
    List<SlowClient> clients = new ArrayList<>();
    for (int c = 0; c < SLOW_CLIENTS; c++) {
      clients.add(switch (c % 3) {
        case 0 -> SlowClient.partialBody(service, "/api/v1/schemas", Teams.MUSIC, schemaV2.length(),
            schemaV2.substring(0, schemaV2.length() / 2)); // a registration that never completes
        case 1 -> SlowClient.partialBody(service, "/api/v1/labels", Teams.MUSIC, SharedService.LIMITS.maxBodyBytes() - 1,
            "{\"mapping\": \"");
        default -> SlowClient.partialHeaders(service, "/api/v1/schemas");
      });
    }
    int answeredMeanwhile = 0;
    for (int round = 0; round < 20; round++) {
      for (SlowClient client : clients) {
        client.trickle(" ");
      }
      http.postJson("/api/v1/labels", Teams.MUSIC, MusicTeam.labelsBody(4, round)).expect(200);
      http.get("/api/v1/schemas", Teams.MUSIC).expect(200);
      answeredMeanwhile += 2;
    }
    int threadsDuring = JvmProbe.liveThreads(http);
    for (int c = 0; c < clients.size(); c++) {
      clients.get(c).disconnect(c % 2 == 0);
    }
    int[] threadsAfter = {0};
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
      threadsAfter[0] = JvmProbe.liveThreads(http);
      return threadsAfter[0] <= threadsBefore + 2;
    });
    double heapAfter = JvmProbe.heapAfterGcMb(service, http);
    RegistrySnapshot registryAfter = RegistrySnapshot.take(http);
    new ResultTable("Resource limits: " + SLOW_CLIENTS + " slow clients (half a body, a trickle, half the headers), then "
        + "hang-ups (half of them resets)", "check", "before", "during", "after", "held")
        .row("requests of other clients answered", "-", answeredMeanwhile + " of " + answeredMeanwhile, "-", "yes")
        .row("live threads", threadsBefore, threadsDuring, threadsAfter[0], "yes")
        .row("heap after GC, old + survivor (MB)", fmt(heapBefore), "-", fmt(heapAfter), heapAfter <= heapBefore + 16 ? "yes" : "NO")
        .row("registry (every team's view)", "snapshot", "-", registryAfter.equals(registryBefore) ? "unchanged" : "CHANGED",
            registryAfter.equals(registryBefore) ? "yes" : "NO")
        .print();
    assertThat(heapAfter).as("heap after GC, MB").isLessThanOrEqualTo(heapBefore + 16);
    assertThat(registryAfter.differencesFrom(registryBefore)).as("registry changes").isEmpty();
  }

  /** The same requests once before the baseline, so pools and caches have their working size. */
  private static void warmUp() {
    for (int i = 0; i < 20; i++) {
      http.postJson("/api/v1/labels", Teams.MUSIC, MusicTeam.labelsBody(4, i)).expect(200);
      http.get("/api/v1/schemas", Teams.MUSIC).expect(200);
    }
  }

  private static String fmt(double mb) {
    return String.format(java.util.Locale.ROOT, "%.1f", mb);
  }
}
