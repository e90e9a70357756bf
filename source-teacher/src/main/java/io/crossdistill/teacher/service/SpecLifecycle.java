package io.crossdistill.teacher.service;

import io.crossdistill.teacher.registry.ResourceKind;
import io.crossdistill.teacher.registry.Version;
import io.crossdistill.teacher.registry.VersionedRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * The life cycle every versioned spec shares (schemas, mappings, alignments), written once: list a team's
 * names, read the latest, every or one version, deprecate a version. Each call passes {@link TeamAccess}.
 * Creating a version is each kind's own service, because each validates its spec its own way.
 */
@ApplicationScoped
public class SpecLifecycle {

  private final VersionedRegistry registry;
  private final TeamAccess access;

  @Inject
  public SpecLifecycle(VersionedRegistry registry, TeamAccess access) {
    this.registry = registry;
    this.access = access;
  }

  /** Names of {@code team}'s specs of {@code kind}, sorted. */
  public List<String> names(ResourceKind kind, String team) {
    return access.names(kind, team);
  }

  /** The latest version that is not deprecated. */
  public Version latest(ResourceKind kind, String name, String team) {
    return access.get(kind, name, Optional.empty(), team);
  }

  /** Every version, oldest first, deprecated ones included. */
  public List<Version> versions(ResourceKind kind, String name, String team) {
    return access.all(kind, name, team);
  }

  /** One version by number. */
  public Version version(ResourceKind kind, String name, int version, String team) {
    return access.get(kind, name, Optional.of(version), team);
  }

  /** Hides a version from {@link #latest}; it stays readable and usable by number. Idempotent. */
  public Version deprecate(ResourceKind kind, String name, int version, String team) {
    access.get(kind, name, Optional.of(version), team);
    return registry.deprecate(kind, name, version, team);
  }
}
