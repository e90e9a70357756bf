package io.crossdistill.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.crossdistill.teacher.rest.Fixtures;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the service while it registers specs and while a backfill runs, then a start on the same data
 * directory: every acknowledged (201) registration is there with its content hash, versions are 1..n with
 * no gap, every listed thing reads whole, and the backfill resumes from its checkpoint to the same label
 * set, with the same label-set hash, as an uninterrupted run of the same job.
 */
class CrashSafetyTest {

  private static final int RECORDS = 20_000;
  private static final int SHARD = 1_000;

  private ServiceProcess service;

  /** A registration the service acknowledged with 201. */
  private record Acknowledged(String kind, String name, int version, String contentHash) {
  }

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  void killMinus9_duringRegistrationsAndABackfill_losesNothingAcknowledged_andTheBackfillResumesToTheSameSet() {
    ResultTable table = new ResultTable("Crash safety: kill -9 and restart on the same data directory",
        "kill during", "acknowledged before the kill", "after restart", "held");
    service = ServiceProcess.start(Map.of());
    Http http = new Http(service.base());
    MusicTeam.register(http);
    List<Acknowledged> acknowledged = new CopyOnWriteArrayList<>();

    // registrations and a backfill at once (one start less than a round of each: CI time)
    MusicTeam.writeListens(service.inputs().resolve("big.avro"), RECORDS, 50);
    String job = MusicTeam.backfillBody("big.avro", Map.of("batchRows", 8, "shardRecords", SHARD));
    String id = Backfills.submit(http, job);
    AtomicInteger doneAtKill = new AtomicInteger();
    int before = registerUntilKilled(http, acknowledged, 8, () -> {
      JsonNode state = Backfills.job(http, id);
      doneAtKill.set(state.path("done").asInt());
      // past its second checkpoint: the first one is surely written
      return state.path("state").asText().equals("RUNNING") && state.path("done").asInt() >= 2 * SHARD;
    });
    assertThat(doneAtKill.get()).as("the backfill was killed before it ended").isLessThan(RECORDS);
    service.restart();
    String registry = checkRegistry(http, acknowledged);
    checkLabelSetsWhole(http);
    JsonNode resumed = Backfills.awaitEnd(http, id);
    assertThat(resumed.path("state").asText()).as(resumed.path("error").asText()).isEqualTo("SUCCEEDED");
    assertThat(resumed.path("resumedFrom").asInt()).as("resumed from a checkpoint").isGreaterThanOrEqualTo(SHARD);
    assertThat(resumed.path("labels").asInt() + resumed.path("deadLetters").asInt()).isEqualTo(RECORDS);
    String resumedHash = labelSetHash(http, resumed.path("labelSet").asText());
    table.row("registrations + backfill (" + doneAtKill.get() + " of " + RECORDS + " records done)",
        before + " versions, backfill RUNNING", registry + "; backfill resumed from " + resumed.path("resumedFrom").asInt()
            + ", SUCCEEDED", "yes");

    // the same job uninterrupted, on another service (the same teacher, specs and input bytes)
    Http other = SharedService.get().http();
    // a copy of the file (Avro draws a random sync marker: written again, the bytes would differ)
    copy(service.inputs().resolve("big.avro"), SharedService.get().service().inputs().resolve("big.avro"));
    JsonNode reference = Backfills.awaitEnd(other, Backfills.submit(other, job));
    assertThat(reference.path("state").asText()).as(reference.path("error").asText()).isEqualTo("SUCCEEDED");
    assertThat(reference.path("resumedFrom").asInt()).as("the reference run starts from nothing").isZero();
    assertThat(reference.path("labelSet").asText()).isEqualTo(resumed.path("labelSet").asText());
    String referenceHash = labelSetHash(other, reference.path("labelSet").asText());
    assertThat(resumedHash).as("label-set hash: killed and resumed vs uninterrupted").isEqualTo(referenceHash);
    table.row("(reference) the same job uninterrupted on another service", "-", "label-set hash " + referenceHash.substring(0, 12)
        + "… = the resumed run's", "yes");
    table.print();
  }

  /**
   * Registers new mapping and alignment versions in a loop until {@code killWhen} says so (or, without
   * one, {@code atLeast} were acknowledged), kills the service while the loop goes on, and returns how
   * many were acknowledged in this round.
   */
  private int registerUntilKilled(Http http, List<Acknowledged> acknowledged, int atLeast,
      java.util.concurrent.Callable<Boolean> killWhen) {
    int start = acknowledged.size();
    AtomicBoolean running = new AtomicBoolean(true);
    Thread loop = new Thread(() -> {
      int k = 0;
      while (running.get()) {
        k++;
        boolean mapping = k % 2 == 0;
        String body = mapping ? Fixtures.mapping(MusicTeam.MAPPING, 10 + acknowledged.size() + k * 0.001)
            : Fixtures.alignment(MusicTeam.ALIGNMENT, "{\"type\": \"affine\", \"a\": " + (1 + acknowledged.size()
                + k * 0.001) + ", \"b\": 0}");
        try {
          Http.Response response = http.postJson(mapping ? "/api/v1/mappings" : "/api/v1/alignments", Teams.MUSIC, body);
          if (response.status() == 201) {
            JsonNode created = response.json();
            acknowledged.add(new Acknowledged(mapping ? "mappings" : "alignments", created.path("name").asText(),
                created.path("version").asInt(), created.path("contentHash").asText()));
          }
        } catch (UncheckedIOException e) {
          return; // the service is gone
        }
      }
    }, "registrations");
    loop.start();
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20)).until(() ->
        acknowledged.size() - start >= atLeast && (killWhen == null || killWhen.call()));
    service.kill();
    running.set(false);
    try {
      loop.join(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return acknowledged.size() - start;
  }

  /** Checks what a restarted service shows; returns a summary. */
  private static String checkRegistry(Http http, List<Acknowledged> acknowledged) {
    for (Acknowledged ack : acknowledged) {
      JsonNode version = http.get("/api/v1/" + ack.kind() + "/" + ack.name() + "/versions/" + ack.version(), Teams.MUSIC)
          .expect(200).json();
      assertThat(version.path("contentHash").asText()).as(ack + " after restart").isEqualTo(ack.contentHash());
    }
    int versions = 0;
    for (String kind : List.of("schemas", "mappings", "alignments")) {
      for (JsonNode name : http.get("/api/v1/" + kind, Teams.MUSIC).expect(200).json()) {
        JsonNode listed = http.get("/api/v1/" + kind + "/" + name.asText() + "/versions", Teams.MUSIC).expect(200).json();
        List<Integer> numbers = IntStream.range(0, listed.size()).map(i -> listed.get(i).path("version").asInt()).boxed().toList();
        assertThat(numbers).as(kind + " " + name.asText() + " versions are 1..n").isEqualTo(
            IntStream.rangeClosed(1, listed.size()).boxed().toList());
        for (JsonNode version : listed) {
          assertThat(version.path("contentHash").asText()).as("every listed version is whole").hasSize(64);
        }
        versions += listed.size();
      }
    }
    RegistrySnapshot.take(http); // every list endpoint of every team answers
    return "all " + acknowledged.size() + " acknowledged present, " + versions + " versions, contiguous";
  }

  /** Every label set the service lists is complete: its manifest counts every input record. */
  private static void checkLabelSetsWhole(Http http) {
    for (JsonNode set : http.get("/api/v1/label-sets", Teams.MUSIC).expect(200).json()) {
      String id = set.isTextual() ? set.asText() : set.path("id").asText();
      JsonNode counts = http.get("/api/v1/label-sets/" + id, Teams.MUSIC).expect(200).json().path("counts");
      assertThat(counts.path("labels").asInt() + counts.path("deadLetters").asInt()).as("label set " + id)
          .isEqualTo(counts.path("input").asInt());
    }
  }

  private static void copy(java.nio.file.Path from, java.nio.file.Path to) {
    try {
      java.nio.file.Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String labelSetHash(Http http, String id) {
    String hash = http.get("/api/v1/label-sets/" + id, Teams.MUSIC).expect(200).json().path("labelSetHash").asText();
    assertThat(hash).as("labelSetHash of " + id).isNotEmpty();
    return hash;
  }
}
