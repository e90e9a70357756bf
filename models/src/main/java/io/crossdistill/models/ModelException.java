package io.crossdistill.models;

/**
 * The one exception family of the models module: a model could not be built, trained, saved, loaded or
 * run. Invalid arguments (a malformed config, mismatched array sizes) are reported with
 * {@link IllegalArgumentException} listing every problem, as everywhere in crossdistill; everything that
 * goes wrong at run time (file IO, a corrupt or tampered artifact, a native failure) is a
 * {@code ModelException} or one of its subclasses.
 */
public class ModelException extends RuntimeException {

  /** An exception with a message saying what failed. */
  public ModelException(String message) {
    super(message);
  }

  /** An exception with a message and the underlying cause. */
  public ModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
