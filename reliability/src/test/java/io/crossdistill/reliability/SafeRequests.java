package io.crossdistill.reliability;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crossdistill.teacher.rest.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * For each operation, the request the fuzzer starts from: a team, path parameters naming what the music
 * team registered, and (where the operation takes JSON) a body with the fields a mutation may break.
 * Sent as is, none of them changes anything: GETs read, bodies repeat what is registered (answered 200
 * "identical"), and the operations that would change something (fit, deprecate, cancel) start from a
 * version or a job they cannot act on. Every mutation the fuzzer makes must turn one into an invalid request.
 */
final class SafeRequests {

  /** What a field of a body holds, so a mutation can pick a value it cannot take. */
  enum Kind { REF, PATH, INT, LONG, ARRAY, BOOL }

  /** A field of a body at a JSON pointer. */
  record Field(String pointer, Kind kind) {
  }

  /** The starting point for one operation. */
  record Safe(Teams team, Map<String, String> pathValues, ObjectNode body, List<Field> fields) {
  }

  private final String backfillId;
  private final String labelSetId;

  SafeRequests(String backfillId, String labelSetId) {
    this.backfillId = backfillId;
    this.labelSetId = labelSetId;
  }

  Safe of(Operation operation) {
    String t = operation.template();
    Map<String, String> values = new LinkedHashMap<>();
    for (String parameter : operation.pathParams()) {
      values.put(parameter, pathValue(t, parameter, operation.method()));
    }
    Teams team = t.equals("/api/v1/teachers") && operation.method().equals("POST") ? Teams.OPS : Teams.MUSIC;
    if (!operation.takesJson()) {
      return new Safe(team, values, null, List.of());
    }
    return switch (t.endsWith("/validation") ? t.substring(0, t.length() - "/validation".length()) : t) {
      // a validation takes exactly what a registration takes
      case "/api/v1/schemas" -> new Safe(team, values, parse(Fixtures.LISTEN_SCHEMA),
          List.of(new Field("/name", Kind.REF), new Field("/type", Kind.REF), new Field("/fields", Kind.ARRAY)));
      case "/api/v1/mappings" -> new Safe(team, values, parse(Fixtures.mapping(MusicTeam.MAPPING, 10)),
          List.of(new Field("/targetSchema", Kind.REF), new Field("/teacher/id", Kind.REF),
              new Field("/rules", Kind.ARRAY), new Field("/rules/0/from", Kind.REF), new Field("/rules/0/input", Kind.REF)));
      case "/api/v1/alignments" -> new Safe(team, values,
          parse(Fixtures.alignment(MusicTeam.ALIGNMENT, "{\"type\": \"identity\"}")),
          List.of(new Field("/tasks", Kind.ARRAY), new Field("/tasks/0/source/head", Kind.REF),
              new Field("/tasks/0/kind", Kind.REF), new Field("/tasks/0/source/type", Kind.REF)));
      case "/api/v1/alignments/{name}/fit" -> new Safe(team, values, parse("{\"version\": 99, \"mapping\": \""
          + MusicTeam.MAPPING + "@1\", \"sample\": [{\"record\": " + Fixtures.record("s1", 1.5, "rock")
          + ", \"labels\": {\"listen\": 1}}]}"),
          List.of(new Field("/version", Kind.INT), new Field("/mapping", Kind.REF), new Field("/sample", Kind.ARRAY)));
      case "/api/v1/mappings/{name}/coverage" -> new Safe(team, values, parse("{\"records\": ["
          + Fixtures.record("c1", 1.5, "rock") + ", " + Fixtures.record("c2", 3.0, "pop") + "]}"),
          List.of(new Field("/records", Kind.ARRAY)));
      case "/api/v1/labels" -> new Safe(team, values, parse(MusicTeam.labelsBody(2, 0)),
          List.of(new Field("/mapping", Kind.REF), new Field("/alignment", Kind.REF), new Field("/records", Kind.ARRAY)));
      case "/api/v1/backfills" -> new Safe(team, values, parse(MusicTeam.backfillBody(MusicTeam.LISTENS, Map.of())),
          List.of(new Field("/teacher/id", Kind.REF), new Field("/mapping", Kind.REF), new Field("/alignment", Kind.REF),
              new Field("/input/path", Kind.PATH), new Field("/input/type", Kind.REF), new Field("/batchRows", Kind.INT),
              new Field("/shardRecords", Kind.INT), new Field("/seed", Kind.LONG)));
      case "/api/v1/teachers" -> new Safe(team, values,
          parse("{\"path\": \"" + FixtureTeacher.DIR + "\", \"serve\": true}"),
          List.of(new Field("/path", Kind.PATH), new Field("/serve", Kind.BOOL)));
      default -> throw new IllegalStateException("no safe body for " + operation
          + ": the fuzzer must learn the new operation's body");
    };
  }

  private String pathValue(String template, String parameter, String method) {
    if (parameter.equals("version")) {
      // deprecating an existing version would change the registry
      return template.endsWith("/deprecate") ? "99" : "1";
    }
    if (template.startsWith("/api/v1/schemas")) {
      return MusicTeam.SCHEMA;
    }
    if (template.startsWith("/api/v1/mappings")) {
      return MusicTeam.MAPPING;
    }
    if (template.startsWith("/api/v1/alignments")) {
      return MusicTeam.ALIGNMENT;
    }
    if (template.startsWith("/api/v1/teachers")) {
      return FixtureTeacher.TEACHER_ID;
    }
    if (template.startsWith("/api/v1/backfills")) {
      return backfillId; // succeeded: cancelling it is a 409
    }
    if (template.startsWith("/api/v1/label-sets")) {
      return labelSetId;
    }
    if (template.startsWith("/api/v1/reports")) {
      return "music~no-such-run"; // reports are files the fuzzer does not write: a well-formed id
    }
    throw new IllegalStateException("no value for path parameter " + parameter + " of " + method + " " + template);
  }

  static ObjectNode parse(String json) {
    try {
      return (ObjectNode) Http.JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
