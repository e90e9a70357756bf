package io.crossdistill.teacher.registry;

import java.util.Map;

/**
 * One immutable version of a registered resource, as the registry holds it.
 *
 * @param kind        resource kind
 * @param name        resource name
 * @param version     version number, from 1
 * @param owner       owning team
 * @param contentHash SHA-256 of the canonical body
 * @param body        the resource (JSON text)
 * @param attributes  facts kept beside the body
 * @param createdAt   epoch milliseconds
 * @param deprecated  hidden from "latest" (still readable by version)
 */
public record Version(ResourceKind kind, String name, int version, String owner, String contentHash, String body,
    Map<String, String> attributes, long createdAt, boolean deprecated) {

  /** {@code name@version}. */
  public String ref() {
    return name + "@" + version;
  }

  Version deprecate() {
    return new Version(kind, name, version, owner, contentHash, body, attributes, createdAt, true);
  }

  static Version of(RegistryEntry entry) {
    return new Version(entry.kind(), entry.name(), entry.version(), entry.owner(), entry.contentHash(), entry.body(),
        entry.attributes(), entry.createdAt(), false);
  }
}
