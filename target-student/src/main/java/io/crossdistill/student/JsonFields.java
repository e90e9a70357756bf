package io.crossdistill.student;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * Reads the fields of a saved student's JSON ({@code student.json}) without stopping at the first bad
 * one: every missing or ill-typed field adds a problem naming its path, so that opening a damaged
 * student lists everything wrong with it at once.
 */
final class JsonFields {

  private JsonFields() {
  }

  static Optional<String> text(JsonNode node, String field, String path, List<String> problems) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      problems.add(path + "." + field + ": " + (v == null ? "missing" : "not a string"));
      return Optional.empty();
    }
    return Optional.of(v.asText());
  }

  static Optional<Double> number(JsonNode node, String field, String path, List<String> problems) {
    JsonNode v = node.get(field);
    if (v == null || !v.isNumber()) {
      problems.add(path + "." + field + ": " + (v == null ? "missing" : "not a number"));
      return Optional.empty();
    }
    return Optional.of(v.doubleValue());
  }

  static Optional<Integer> integer(JsonNode node, String field, String path, List<String> problems) {
    JsonNode v = node.get(field);
    if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
      problems.add(path + "." + field + ": " + (v == null ? "missing" : "not an integer"));
      return Optional.empty();
    }
    return Optional.of(v.intValue());
  }

  static Optional<Boolean> bool(JsonNode node, String field, String path, List<String> problems) {
    JsonNode v = node.get(field);
    if (v == null || !v.isBoolean()) {
      problems.add(path + "." + field + ": " + (v == null ? "missing" : "not true or false"));
      return Optional.empty();
    }
    return Optional.of(v.booleanValue());
  }

  /** The elements of an array field (empty, with a problem, when it is missing or not an array). */
  static List<JsonNode> array(JsonNode node, String field, String path, List<String> problems) {
    JsonNode v = node.get(field);
    if (v == null || !v.isArray()) {
      problems.add(path + "." + field + ": " + (v == null ? "missing" : "not an array"));
      return List.of();
    }
    List<JsonNode> out = new ArrayList<>();
    v.forEach(out::add);
    return out;
  }

  static Optional<JsonNode> object(JsonNode node, String field, String path, List<String> problems) {
    JsonNode v = node.get(field);
    if (v == null || !v.isObject()) {
      problems.add(path + "." + field + ": " + (v == null ? "missing" : "not an object"));
      return Optional.empty();
    }
    return Optional.of(v);
  }

  /** A set of ids as sorted ranges, e.g. {@code "0-17,19,21-40"} (empty string for none). */
  static String ranges(BitSet ids) {
    StringBuilder out = new StringBuilder();
    for (int from = ids.nextSetBit(0); from >= 0; ) {
      int to = ids.nextClearBit(from) - 1;
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(from);
      if (to > from) {
        out.append('-').append(to);
      }
      from = to == Integer.MAX_VALUE ? -1 : ids.nextSetBit(to + 1);
    }
    return out.toString();
  }

  /** Parses {@link #ranges}; ids outside {@code [0, cardinality)} or malformed parts are problems. */
  static BitSet parseRanges(String text, int cardinality, String path, List<String> problems) {
    BitSet ids = new BitSet(Math.max(0, cardinality));
    if (text.isEmpty()) {
      return ids;
    }
    for (String part : text.split(",", -1)) {
      String[] ends = part.split("-", -1);
      try {
        int from = Integer.parseInt(ends[0].trim());
        int to = ends.length == 2 ? Integer.parseInt(ends[1].trim()) : from;
        if (ends.length > 2 || from < 0 || to < from || to >= cardinality) {
          problems.add(path + ": '" + part + "' is not an id range within [0, " + cardinality + ")");
        } else {
          ids.set(from, to + 1);
        }
      } catch (NumberFormatException e) {
        problems.add(path + ": '" + part + "' is not an id or an id range");
      }
    }
    return ids;
  }
}
