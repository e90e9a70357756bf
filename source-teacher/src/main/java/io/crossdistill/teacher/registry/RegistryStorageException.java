package io.crossdistill.teacher.registry;

/** The registry log could not be read or written. */
public final class RegistryStorageException extends RuntimeException {

  public RegistryStorageException(String message, Throwable cause) {
    super(message, cause);
  }

  public RegistryStorageException(String message) {
    super(message);
  }
}
