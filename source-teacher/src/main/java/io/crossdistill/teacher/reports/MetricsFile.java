package io.crossdistill.teacher.reports;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the summary of a {@code metrics.json} as {@code student compare} writes it (target-student's
 * {@code MetricsJson}: {@code {"title", "data", "runs": [{"variant", "fraction", "seed", "split",
 * "metrics": {task: {...}}, ...}], "comparisons": [{..., "significant"}], "coverage", "notes"}}) in one
 * streaming pass: only the few fields the summary needs are kept, so a file of any size costs one pass and
 * no more memory than its largest string. Fields it does not know are skipped, as a newer writer may add
 * some.
 */
final class MetricsFile {

  /** The test split's name in a run ({@code ModelRun.TEST}). */
  static final String TEST_SPLIT = "test";
  /** The variant of the teacher used alone ({@code ModelRun.TEACHER_ZERO_SHOT}): not a student. */
  static final String TEACHER_ZERO_SHOT = "teacher-zero-shot";

  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
      .build();

  /** What the file says, or where it stops making sense. */
  record Contents(Optional<String> title, Report.Summary summary, int students) {
  }

  /** The file is not in the format: where (a JSON pointer into the file) and why. */
  static final class FormatException extends Exception {

    private static final long serialVersionUID = 1L;

    FormatException(String message) {
      super(message);
    }
  }

  private MetricsFile() {
  }

  /** Reads {@code in} to its end (the caller closes it). */
  static Contents read(InputStream in) throws IOException, FormatException {
    try (JsonParser parser = JSON.createParser(in)) {
      return new MetricsFile.Reader(parser).document();
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw new FormatException("not JSON: " + e.getOriginalMessage()
          + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }
  }

  /** One pass over one file. */
  private static final class Reader {

    private final JsonParser parser;
    private Optional<String> title = Optional.empty();
    private Optional<String> data = Optional.empty();
    private final Set<String> tasks = new LinkedHashSet<>();
    private final Set<String> variants = new LinkedHashSet<>();
    private final Set<Double> fractions = new TreeSet<>();
    private final Set<Long> seeds = new TreeSet<>();
    private final Set<String> students = new LinkedHashSet<>();
    private int runs;
    private int comparisons;
    private int significant;

    Reader(JsonParser parser) {
      this.parser = parser;
    }

    Contents document() throws IOException, FormatException {
      expect(parser.nextToken(), JsonToken.START_OBJECT, "", "an object");
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "title" -> title = Optional.of(text(value, "/title"));
          case "data" -> data = Optional.of(text(value, "/data"));
          case "runs" -> array(value, "/runs", this::run);
          case "comparisons" -> array(value, "/comparisons", this::comparison);
          default -> parser.skipChildren();
        }
      }
      Report.Summary summary = new Report.Summary(data, List.copyOf(tasks), List.copyOf(variants),
          List.copyOf(fractions), List.copyOf(seeds), runs, comparisons, significant);
      return new Contents(title, summary, students.size());
    }

    private void run(String at) throws IOException, FormatException {
      String variant = null;
      String split = null;
      Double fraction = null;
      Long seed = null;
      List<String> scored = new ArrayList<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "variant" -> variant = text(value, at + "/variant");
          case "split" -> split = text(value, at + "/split");
          case "fraction" -> fraction = number(value, at + "/fraction");
          case "seed" -> seed = integer(value, at + "/seed");
          case "metrics" -> {
            expect(value, JsonToken.START_OBJECT, at + "/metrics", "an object of tasks");
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
              scored.add(parser.currentName());
              parser.nextToken();
              parser.skipChildren();
            }
          }
          default -> parser.skipChildren();
        }
      }
      String missing = variant == null ? "variant" : split == null ? "split" : fraction == null ? "fraction"
          : seed == null ? "seed" : null;
      if (missing != null) {
        throw new FormatException(at + ": has no \"" + missing + "\"");
      }
      runs++;
      if (TEST_SPLIT.equals(split) && !TEACHER_ZERO_SHOT.equals(variant)) {
        tasks.addAll(scored);
        variants.add(variant);
        fractions.add(fraction);
        seeds.add(seed);
        students.add(variant + " " + fraction + " " + seed);
      }
    }

    private void comparison(String at) throws IOException, FormatException {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("significant")) {
          if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
            throw new FormatException(at + "/significant: must be true or false, not " + describe(value));
          }
          significant += value == JsonToken.VALUE_TRUE ? 1 : 0;
        } else {
          parser.skipChildren();
        }
      }
      comparisons++;
    }

    /** Calls {@code item} with the parser on each object of the array at {@code at}. */
    private void array(JsonToken value, String at, Item item) throws IOException, FormatException {
      expect(value, JsonToken.START_ARRAY, at, "an array");
      int index = 0;
      for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
        String element = at + "/" + index++;
        expect(next, JsonToken.START_OBJECT, element, "an object");
        item.read(element);
      }
    }

    private String text(JsonToken value, String at) throws IOException, FormatException {
      expect(value, JsonToken.VALUE_STRING, at, "a string");
      return parser.getText();
    }

    private Double number(JsonToken value, String at) throws IOException, FormatException {
      if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
        throw new FormatException(at + ": must be a number, not " + describe(value));
      }
      return parser.getDoubleValue();
    }

    private Long integer(JsonToken value, String at) throws IOException, FormatException {
      expect(value, JsonToken.VALUE_NUMBER_INT, at, "an integer");
      return parser.getLongValue();
    }

    private void expect(JsonToken value, JsonToken wanted, String at, String what) throws FormatException {
      if (value != wanted) {
        throw new FormatException((at.isEmpty() ? "the document" : at) + ": must be " + what + ", not "
            + describe(value));
      }
    }

    private static String describe(JsonToken token) {
      if (token == null) {
        return "the end of the file";
      }
      return switch (token) {
        case START_OBJECT -> "an object";
        case START_ARRAY -> "an array";
        case VALUE_STRING -> "a string";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
        case VALUE_TRUE, VALUE_FALSE -> "a boolean";
        case VALUE_NULL -> "null";
        default -> token.asString();
      };
    }
  }

  /** Reads one element of an array. */
  @FunctionalInterface
  private interface Item {
    void read(String at) throws IOException, FormatException;
  }
}
