package io.crossdistill.models;

/**
 * The one exception family of the models module: a model could not be built, saved, loaded or imported
 * (file IO, a corrupt or tampered artifact, a model file the engine refuses). It is checked, as DJL's
 * model exceptions are, so a caller decides what the failure means for it: a service answers
 * "unavailable", a command prints the reason. Invalid arguments (a malformed config, mismatched array
 * sizes) are {@link IllegalArgumentException}s listing every problem, as everywhere in crossdistill;
 * using a closed model, an interrupted wait and an engine that cannot start are
 * {@link IllegalStateException}s, as in DJL.
 */
public class ModelException extends Exception {

  private static final long serialVersionUID = 1L;

  /** An exception with a message saying what failed. */
  public ModelException(String message) {
    super(message);
  }

  /** An exception with a message and the underlying cause. */
  public ModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
