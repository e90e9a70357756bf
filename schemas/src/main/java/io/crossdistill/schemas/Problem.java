package io.crossdistill.schemas;

import java.util.Objects;

/**
 * One thing wrong (or worth a warning) in what a person gave us — a feature mapping spec, an alignment
 * spec, a fitting sample, a record — with the JSON pointer (RFC 6901, built with {@link JsonPointers}) of
 * the offending field, e.g. {@code /rules/3/transforms/0/std} or {@code /tasks/2/source/head}; the empty
 * pointer names the whole document. Every library reports validation with these, and the service's edge
 * turns a list of them into the {@code errors} of a problem+json body.
 *
 * @param pointer JSON pointer of the offending field; empty for the document as a whole
 * @param message what is wrong, in words the author of the input can act on
 */
public record Problem(String pointer, String message) {

  public Problem {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(message, "message");
  }

  /** {@code pointer: message}, the whole document shown as {@code (root)}. */
  @Override
  public String toString() {
    return (pointer.isEmpty() ? "(root)" : pointer) + ": " + message;
  }
}
