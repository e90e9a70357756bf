package io.crossdistill.labelling;

/**
 * Thrown when a forward pass is asked of a {@link ServingTeacher} that serves no teacher (none loaded
 * yet, or closed). A service answers it as "unavailable" (503); it is not the caller's input that is wrong.
 */
public final class NoTeacherException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** @param message says what serves nothing and how a teacher comes to serve */
  public NoTeacherException(String message) {
    super(message);
  }
}
