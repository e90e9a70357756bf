package io.crossdistill.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crossdistill.reliability.Backfills;
import io.crossdistill.reliability.Http;
import io.crossdistill.reliability.MusicTeam;
import io.crossdistill.reliability.ServiceProcess;
import io.crossdistill.reliability.Teams;
import io.crossdistill.teacher.rest.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * What every browser test of the run shares (a start costs seconds): the packaged service as a child
 * process on loopback with the three teams (music, podcast, the operator ops) and the fixture teacher, the
 * music team's objects registered over REST (a schema with two versions, a mapping, an identity alignment,
 * a platt alignment fitted into version 2, a backfill's label set, a published student report), and one
 * headless Chromium. Started by the first test class that asks, stopped when the test JVM exits.
 */
final class Console {

  /** The music team's platt alignment, fitted into version {@link #FITTED_VERSION}. */
  static final String CALIBRATED = "music-calibrated";
  static final int FITTED_VERSION = 2;
  /** The music team's published {@code student compare} run. */
  static final String REPORT_RUN = "compare-music";

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
    publishReport(service, job.path("labelSet").asText());
    return job;
  }

  /**
   * Publishes a {@code student compare} run of the music team under the service's reports root, as that
   * command writes its output directory: the report page, a real run's {@code metrics.json} (source-teacher's
   * golden file) and the run's label store holding the music team's label set.
   */
  private static void publishReport(ServiceProcess service, String labelSet) {
    Path run = service.home().resolve("data").resolve("reports").resolve(Teams.MUSIC.team()).resolve(REPORT_RUN);
    try (InputStream metrics = Console.class.getResourceAsStream("/reports/compare-small-metrics.json")) {
      Files.createDirectories(run);
      Files.copy(Objects.requireNonNull(metrics, "source-teacher's golden metrics.json"), run.resolve("metrics.json"));
      Files.writeString(run.resolve("report.html"), "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
          + "<title>music compare</title></head><body><h1>music compare</h1></body></html>\n");
      Path from = service.home().resolve("data").resolve("label-sets").resolve(labelSet);
      Path to = run.resolve("labels").resolve("f0.1-seed1").resolve("teacher").resolve(labelSet);
      try (Stream<Path> files = Files.walk(from)) {
        for (Path file : files.toList()) {
          Path target = to.resolve(from.relativize(file).toString());
          if (Files.isDirectory(file)) {
            Files.createDirectories(target);
          } else {
            Files.copy(file, target);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish the music team's report", e);
    }
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

  /** The id of the music team's one report, as the API lists it. */
  String reportId() {
    JsonNode reports = http.get("/api/v1/reports", Teams.MUSIC).expect(200).json();
    assertThat(reports).as(reports.toString()).hasSize(1);
    return reports.get(0).path("id").asText();
  }
}
