package io.crossdistill.reliability;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Set;

/** Submitting backfill jobs and waiting for them, as the music team. */
public final class Backfills {

  public static final Set<String> ENDED = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

  private Backfills() {
  }

  /** Submits a job and returns its id (202 for a new job, 200 for a known or reused one). */
  public static String submit(Http http, String body) {
    Http.Response response = http.postJson("/api/v1/backfills", Teams.MUSIC, body);
    if (response.status() != 202 && response.status() != 200) {
      throw new AssertionError("backfill not accepted: " + response.status() + " " + response.text());
    }
    return response.json().path("id").asText();
  }

  public static JsonNode job(Http http, String id) {
    return http.get("/api/v1/backfills/" + id, Teams.MUSIC).expect(200).json();
  }

  /** Waits (at most 5 minutes) until the job has ended; returns it. */
  public static JsonNode awaitEnd(Http http, String id) {
    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
        .until(() -> ENDED.contains(job(http, id).path("state").asText()));
    return job(http, id);
  }
}
