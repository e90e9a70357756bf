package io.crossdistill.teacher.registry;

import java.util.function.Consumer;

/**
 * The durable, ordered log behind the registry: an append-only journal file (embedded) or a compacted
 * Kafka topic (shared by several instances). The registry's state is the fold of the log's records.
 */
public interface RegistryLog extends AutoCloseable {

  /**
   * Reads every record already in the log into {@code applier}, in log order, then keeps feeding it the
   * records that others append (Kafka). Returns once the log has been read to its end.
   */
  void open(Consumer<RegistryEntry> applier);

  /**
   * Appends a record durably; on return it has been handed to the applier (so the caller can read the
   * resulting state).
   */
  void append(RegistryEntry entry);

  /** Where the log lives, for logs and health output. */
  String describe();

  @Override
  void close();
}
