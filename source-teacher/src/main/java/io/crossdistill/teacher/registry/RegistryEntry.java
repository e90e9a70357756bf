package io.crossdistill.teacher.registry;

import java.util.Map;
import java.util.Objects;

/**
 * One record of the registry log. A {@link Op#PUT} creates version {@code version} of
 * {@code kind/name} with an immutable body; a {@link Op#DEPRECATE} hides that version from "latest";
 * a {@link Op#REPAIR} re-states the body that won a version when two instances raced for it (the
 * Kafka log keeps only the last record per key, so the winner must also be last).
 *
 * @param op          what the record does
 * @param kind        resource kind
 * @param name        resource name (unique per kind)
 * @param version     1, 2, ...
 * @param owner       team that owns the name
 * @param contentHash SHA-256 of the canonical body: equal bodies are the same version
 * @param body        the resource itself (JSON text)
 * @param attributes  small facts kept beside the body, e.g. the schema version a mapping was checked against
 * @param createdAt   epoch milliseconds of the write
 * @param writeId     unique id of the write, so a writer recognises its own record when reading the log back
 */
public record RegistryEntry(Op op, ResourceKind kind, String name, int version, String owner, String contentHash,
    String body, Map<String, String> attributes, long createdAt, String writeId) {

  /** Record operations. */
  public enum Op { PUT, DEPRECATE, REPAIR }

  public RegistryEntry {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(owner, "owner");
    contentHash = contentHash == null ? "" : contentHash;
    body = body == null ? "" : body;
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    writeId = writeId == null ? "" : writeId;
  }

  /** The log key: the last record per key is what a compacted log keeps. */
  public String key() {
    String base = kind.label() + "/" + name + "/" + version;
    return op == Op.DEPRECATE ? base + "/deprecated" : base;
  }
}
