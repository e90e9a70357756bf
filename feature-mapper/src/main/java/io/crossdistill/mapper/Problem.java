package io.crossdistill.mapper;

import java.util.Objects;

/**
 * One validation finding: a JSON pointer into the spec (e.g. {@code /rules/3/transforms/0/std}) and a
 * message a person can act on.
 */
public record Problem(String pointer, String message) {

  public Problem {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return (pointer.isEmpty() ? "/" : pointer) + ": " + message;
  }
}
