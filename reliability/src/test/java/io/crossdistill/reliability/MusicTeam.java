package io.crossdistill.reliability;

import io.crossdistill.teacher.backfill.ListenFiles;
import io.crossdistill.teacher.rest.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * What an app team registers before it asks for labels, with the source-teacher tests' bodies
 * ({@link Fixtures}): the music team's listen schema, a mapping and an alignment (identity transform, so
 * applicable without a fit), and Avro files of listen records for backfills.
 */
public final class MusicTeam {

  public static final String SCHEMA = "com.music.Listen";
  public static final String MAPPING = "listen-to-video";
  public static final String ALIGNMENT = "music-home";
  /** The Avro input of the suite's first backfill, under the service's data root. */
  public static final String LISTENS = "listens.avro";

  private MusicTeam() {
  }

  /** Registers schema, mapping and alignment (each version 1 on a fresh service). */
  public static void register(Http http) {
    http.postJson("/api/v1/schemas", Teams.MUSIC, Fixtures.LISTEN_SCHEMA).expect(201);
    http.postJson("/api/v1/mappings", Teams.MUSIC, Fixtures.mapping(MAPPING, 10)).expect(201);
    http.postJson("/api/v1/alignments", Teams.MUSIC, Fixtures.alignment(ALIGNMENT, "{\"type\": \"identity\"}"))
        .expect(201);
  }

  /** A valid labels request body for {@code records} records. */
  public static String labelsBody(int records, int seed) {
    StringBuilder body = new StringBuilder("{\"mapping\": \"" + MAPPING + "\", \"alignment\": \"" + ALIGNMENT
        + "\", \"records\": [");
    for (int i = 0; i < records; i++) {
      body.append(i == 0 ? "" : ", ").append(Fixtures.record("r" + seed + "-" + i, 0.25 * ((seed + i) % 37),
          i % 2 == 0 ? "rock" : "pop"));
    }
    return body.append("]}").toString();
  }

  /** A backfill job over {@code path} (under the service's data root) with the given overrides. */
  public static String backfillBody(String path, Map<String, Object> overrides) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("teacher", Map.of("id", FixtureTeacher.TEACHER_ID));
    body.put("mapping", MAPPING + "@1");
    body.put("alignment", ALIGNMENT + "@1");
    body.put("input", Map.of("type", "avro", "path", path));
    body.putAll(overrides);
    return Http.json(body);
  }

  /** Writes {@code records} listen records into an Avro file; every {@code refuseEvery}-th is refused (NaN). */
  public static void writeListens(Path file, int records, int refuseEvery) {
    try {
      ListenFiles.write(file, new Schema.Parser().parse(Fixtures.LISTEN_SCHEMA), records, refuseEvery);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
