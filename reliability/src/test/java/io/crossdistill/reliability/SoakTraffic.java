package io.crossdistill.reliability;

import io.crossdistill.teacher.rest.Fixtures;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak's mixed REST traffic, one action at a time: labels (batches of 1 to 16), reads of the registry,
 * coverage reports, identical re-registrations and, one action in a thousand, a new mapping version. Each action
 * checks its answer; what it counts ends in the soak's table.
 */
final class SoakTraffic {

  private final Http http;
  private final Map<String, AtomicLong> done = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
  private final Map<String, String> firstError = new ConcurrentHashMap<>();
  private final AtomicLong newVersions = new AtomicLong();
  /** {@code -Dcrossdistill.reliability.soak-new-versions=false}: identical re-registrations only (nothing kept grows). */
  private final boolean newVersionsOn = Boolean.parseBoolean(
      System.getProperty("crossdistill.reliability.soak-new-versions", "true"));

  SoakTraffic(Http http) {
    this.http = http;
  }

  /** One random action. */
  void act(Random random) {
    int pick = random.nextInt(1000);
    if (pick < 550) {
      int records = 1 + random.nextInt(16);
      run("labels", () -> {
        var answer = http.postJson("/api/v1/labels", Teams.MUSIC, MusicTeam.labelsBody(records, random.nextInt(1000)))
            .expect(200).json();
        if (answer.path("labelled").asInt() + answer.path("refused").asInt() != records) {
          throw new AssertionError("labels answer does not account for " + records + " records: " + answer);
        }
      });
    } else if (pick < 800) {
      String path = new String[] {"/api/v1/schemas", "/api/v1/mappings/" + MusicTeam.MAPPING + "/versions",
          "/api/v1/alignments/" + MusicTeam.ALIGNMENT, "/api/v1/teachers", "/api/v1/backfills", "/api/v1/label-sets",
          "/api/v1/streams"}[random.nextInt(7)];
      run("read", () -> http.get(path, Teams.MUSIC).expect(200));
    } else if (pick < 920) {
      run("coverage", () -> http.postJson("/api/v1/mappings/" + MusicTeam.MAPPING + "/coverage", Teams.MUSIC,
          "{\"records\": [" + Fixtures.record("c", 0.5 * random.nextInt(20), "rock") + ", "
              + Fixtures.record("d", 1.5, "pop") + "]}").expect(200));
    } else if (pick < 999 || !newVersionsOn) {
      run("re-register (identical)", () -> http.postJson("/api/v1/schemas", Teams.MUSIC, Fixtures.LISTEN_SCHEMA).expect(200));
    } else {
      run("register (new version)", () -> http.postJson("/api/v1/mappings", Teams.MUSIC,
          Fixtures.mapping(MusicTeam.MAPPING, 20 + newVersions.incrementAndGet())).expect(201));
    }
  }

  /** Runs and counts one named action; a failure is counted, never thrown. */
  void run(String action, Runnable body) {
    try {
      body.run();
    } catch (AssertionError | UncheckedIOException | IllegalStateException e) {
      errors.computeIfAbsent(action, a -> new AtomicLong()).incrementAndGet();
      firstError.putIfAbsent(action, String.valueOf(e.getMessage()));
    } finally {
      done.computeIfAbsent(action, a -> new AtomicLong()).incrementAndGet();
    }
  }

  Map<String, Long> done() {
    return snapshot(done);
  }

  Map<String, Long> errors() {
    return snapshot(errors);
  }

  Map<String, String> firstErrors() {
    return new TreeMap<>(firstError);
  }

  private static Map<String, Long> snapshot(Map<String, AtomicLong> counts) {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }
}
