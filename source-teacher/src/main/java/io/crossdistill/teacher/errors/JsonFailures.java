package io.crossdistill.teacher.errors;

import io.crossdistill.schemas.Problem;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.Response;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON layer's failures as problems a person can act on: where in the body (a JSON pointer built from
 * Jackson's path, or the line and column where parsing stopped) and what was wrong there.
 */
final class JsonFailures {

  /** Pointers deeper than this are cut: a hostile body can nest a thousand levels. */
  private static final int MAX_POINTER_CHARS = 200;
  private static final Pattern TOKEN = Pattern.compile("JsonToken\\.([A-Z_]+)");

  private JsonFailures() {
  }

  static Response answer(JsonProcessingException e) {
    Failure failure = failure(e);
    return ProblemMapper.answer(400, failure.detail(), List.of(failure.problem()), List.of());
  }

  /** A JSON failure as its answer says it: the detail and the one problem, at its pointer. */
  record Failure(String detail, Problem problem) {
  }

  static Failure failure(JsonProcessingException e) {
    if (e instanceof StreamConstraintsException limit) {
      return new Failure("the JSON body exceeds a parser limit: " + limit.getOriginalMessage(),
          new Problem(parserPointer(e), limit.getOriginalMessage()));
    }
    if (e instanceof JsonMappingException mapping) {
      String pointer = pointer(mapping.getPath());
      String message = message(mapping);
      return new Failure("the JSON body does not fit: " + pointerOrRoot(pointer) + " " + message,
          new Problem(pointer, message));
    }
    String where = e.getLocation() == null ? ""
        : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    String message = e.getOriginalMessage() + where;
    return new Failure("the body is not valid JSON: " + message, new Problem(parserPointer(e), message));
  }

  /** Where the parser stopped, as a pointer ("" at the top or when unknown). */
  private static String parserPointer(JsonProcessingException e) {
    JsonParser parser = e instanceof StreamReadException read ? read.getProcessor() : null;
    return parser == null || parser.getParsingContext() == null ? ""
        : cut(parser.getParsingContext().pathAsPointer().toString());
  }

  private static String pointerOrRoot(String pointer) {
    return pointer.isEmpty() ? "the body" : pointer;
  }

  private static String message(JsonMappingException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      return "is not a known property ('" + unknown.getPropertyName() + "')";
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      JsonToken token = mismatch.getProcessor() instanceof JsonParser parser && parser.currentToken() != null
          ? parser.currentToken() : tokenNamedIn(e.getOriginalMessage());
      if (token != null) {
        return "must be " + expected(mismatch.getTargetType()) + ", not " + found(token);
      }
    }
    return e.getOriginalMessage();
  }

  /** Jackson names the token it met in its message ({@code (token `JsonToken.START_ARRAY`)}) once the parser is closed. */
  private static JsonToken tokenNamedIn(String message) {
    Matcher named = TOKEN.matcher(message == null ? "" : message);
    if (!named.find()) {
      return null;
    }
    try {
      return JsonToken.valueOf(named.group(1));
    } catch (IllegalArgumentException unknown) {
      return null;
    }
  }

  private static String expected(Class<?> type) {
    if (type == String.class || type == char.class || type == Character.class) {
      return "a string";
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "an integer";
    }
    if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    if (JsonNode.class.isAssignableFrom(type)) {
      return "a JSON value";
    }
    return "an object";
  }

  private static String found(JsonToken token) {
    return switch (token) {
      case START_ARRAY, END_ARRAY -> "an array";
      case START_OBJECT, END_OBJECT, FIELD_NAME -> "an object";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT -> "an integer";
      case VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.asString() == null ? token.name() : token.asString();
    };
  }

  /** RFC 6901 pointer of Jackson's reference path. */
  static String pointer(List<JsonMappingException.Reference> path) {
    StringBuilder pointer = new StringBuilder();
    for (JsonMappingException.Reference reference : path) {
      pointer.append('/');
      if (reference.getFieldName() != null) {
        pointer.append(reference.getFieldName().replace("~", "~0").replace("/", "~1"));
      } else if (reference.getIndex() >= 0) {
        pointer.append(reference.getIndex());
      }
    }
    return cut(pointer.toString());
  }

  private static String cut(String pointer) {
    return pointer.length() <= MAX_POINTER_CHARS ? pointer : pointer.substring(0, MAX_POINTER_CHARS) + "...";
  }
}
