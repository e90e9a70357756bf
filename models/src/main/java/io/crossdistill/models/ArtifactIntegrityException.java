package io.crossdistill.models;

/**
 * A saved model or teacher artifact is not what it claims to be: its content hash does not match the
 * hash recorded in its signature, a file is missing, or its parameters do not fit its network config.
 */
public final class ArtifactIntegrityException extends ModelException {

  /** An integrity failure with a message naming the artifact and what did not match. */
  public ArtifactIntegrityException(String message) {
    super(message);
  }

  /** An integrity failure caused by an unreadable file. */
  public ArtifactIntegrityException(String message, Throwable cause) {
    super(message, cause);
  }
}
