package io.crossdistill.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crossdistill.reliability.Backfills;
import io.crossdistill.reliability.Http;
import io.crossdistill.reliability.MusicTeam;
import io.crossdistill.reliability.ServiceProcess;
import io.crossdistill.reliability.Teams;
import io.crossdistill.teacher.rest.Fixtures;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What every browser test of the run shares (a start costs seconds): the packaged service as a child
 * process on loopback with the three teams (music, podcast, the operator ops) and the fixture teacher, the
 * music team's objects registered over REST (a schema with two versions, a mapping, an identity alignment,
 * a platt alignment fitted into version 2, a backfill's label set), and one headless Chromium. Started by
 * the first test class that asks, stopped when the test JVM exits.
 */
final class Console {

  /** The music team's platt alignment, fitted into version {@link #FITTED_VERSION}. */
  static final String CALIBRATED = "music-calibrated";
  static final int FITTED_VERSION = 2;

  private static Console instance;
  private static RuntimeException startFailure;

  private final ServiceProcess service;
  private final Http http;
  private final Browser browser;
  private final JsonNode firstJob;

  private Console(ServiceProcess service, Http http, Browser browser, JsonNode firstJob) {
    this.service = service;
    this.http = http;
    this.browser = browser;
    this.firstJob = firstJob;
  }

  /** The shared console; skips (or, with {@code CI=true}, fails) when Chromium is not installed. */
  static synchronized Console get() {
    Chromium chromium = Chromium.require();
    if (startFailure != null) {
      throw startFailure;
    }
    if (instance == null) {
      try {
        instance = start(chromium);
      } catch (RuntimeException | Error e) {
        startFailure = new IllegalStateException("the console environment did not start", e);
        throw e;
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        instance.browser.close();
        instance.service.close();
      }, "console-stop"));
    }
    return instance;
  }

  private static Console start(Chromium chromium) {
    ServiceProcess service = ServiceProcess.start(Map.of());
    try {
      Http http = new Http(service.base());
      JsonNode job = registerMusic(service, http);
      return new Console(service, http, Browser.start(chromium, service.base()), job);
    } catch (RuntimeException | Error e) {
      service.close();
      throw e;
    }
  }

  /** The music team's objects, each registration with its exact status on the fresh service. */
  private static JsonNode registerMusic(ServiceProcess service, Http http) {
    MusicTeam.register(http);
    http.postJson("/api/v1/alignments", Teams.MUSIC, Fixtures.alignment(CALIBRATED, "{\"type\": \"platt\"}")).expect(201);
    JsonNode fitted = http.postJson("/api/v1/alignments/" + CALIBRATED + "/fit", Teams.MUSIC, fitSample(1, 60))
        .expect(201).json();
    assertThat(fitted.path("version").asInt()).as(fitted.toString()).isEqualTo(FITTED_VERSION);
    MusicTeam.writeListens(service.inputs().resolve(MusicTeam.LISTENS), 30, 10);
    String id = http.postJson("/api/v1/backfills", Teams.MUSIC, MusicTeam.backfillBody(MusicTeam.LISTENS, Map.of()))
        .expect(202).json().path("id").asText();
    JsonNode job = Backfills.awaitEnd(http, id);
    assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
    http.get("/api/v1/label-sets/" + job.path("labelSet").asText(), Teams.MUSIC).expect(200);
    // a second, compatible schema version, so the schemas page has a compatibility to show
    http.postJson("/api/v1/schemas", Teams.MUSIC, Fixtures.LISTEN_SCHEMA_V2).expect(201);
    return job;
  }

  /** A labelled sample for fitting version {@code version} of {@link #CALIBRATED} (the listen task, both classes). */
  private static String fitSample(int version, int rows) {
    StringBuilder sample = new StringBuilder("{\"mapping\": \"" + MusicTeam.MAPPING + "\", \"version\": " + version
        + ", \"sample\": [");
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < rows; i++) {
      double minutes = random.nextDouble() * 4;
      int label = random.nextDouble() < minutes / 4 ? 1 : 0;
      sample.append(i == 0 ? "" : ", ").append("{\"record\": ")
          .append(Fixtures.record("s" + i, minutes, i % 2 == 0 ? "rock" : "pop"))
          .append(", \"labels\": {\"listen\": ").append(label).append(", \"listen_time\": ").append(minutes).append("}}");
    }
    return sample.append("]}").toString();
  }

  ServiceProcess service() {
    return service;
  }

  Http http() {
    return http;
  }

  Browser browser() {
    return browser;
  }

  /** The music team's backfill that ran at start (SUCCEEDED), with its label set. */
  JsonNode firstJob() {
    return firstJob;
  }

  String labelSet() {
    return firstJob.path("labelSet").asText();
  }
}
