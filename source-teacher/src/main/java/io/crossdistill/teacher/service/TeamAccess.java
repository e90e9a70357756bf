package io.crossdistill.teacher.service;

import io.crossdistill.schemas.Problem;
import io.crossdistill.teacher.registry.ResourceKind;
import io.crossdistill.teacher.registry.Version;
import io.crossdistill.teacher.registry.VersionedRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * Team access: a team reads and writes only its own schemas, mappings, alignments, backfill jobs and
 * label sets. Every call that names one of them (REST requests, backfill jobs, the label stream) resolves
 * it here, so they all pass the same checks and get the same {@link NotFound} / {@link Forbidden}.
 */
@ApplicationScoped
public class TeamAccess {

  private final VersionedRegistry registry;

  @Inject
  public TeamAccess(VersionedRegistry registry) {
    this.registry = registry;
  }

  /** Refuses {@code team} a thing that {@code owner} owns, unless they are the same team. */
  public void requireOwner(String owner, String team, String what) {
    if (!owner.equals(team)) {
      throw new Forbidden(what + " belongs to another team");
    }
  }

  /** Returns {@code version} when {@code team} owns it. */
  public Version own(Version version, String team) {
    requireOwner(version.owner(), team, version.kind().label() + " '" + version.name() + "'");
    return version;
  }

  /** Returns {@code version} when {@code team} owns it; a refusal names {@code pointer}, where the request named it. */
  public Version own(Version version, String team, String pointer) {
    if (!version.owner().equals(team)) {
      String detail = version.kind().label() + " '" + version.name() + "' belongs to another team";
      throw new Forbidden(detail, List.of(new Problem(pointer, detail)));
    }
    return version;
  }

  /** Names of {@code team}'s resources of one kind, sorted. */
  public List<String> names(ResourceKind kind, String team) {
    return registry.names(kind, Optional.of(team));
  }

  /** Version {@code version} (or the latest not deprecated) of {@code name}, owned by {@code team}. */
  public Version get(ResourceKind kind, String name, Optional<Integer> version, String team) {
    List<Version> versions = registry.versions(kind, name);
    if (versions.isEmpty()) {
      throw new NotFound("no " + kind.label() + " named '" + name + "'");
    }
    own(versions.get(0), team);
    if (version.isPresent()) {
      return registry.get(kind, name, version.get()).orElseThrow(() -> new NotFound(
          kind.label() + " '" + name + "' has no version " + version.get()));
    }
    return registry.latest(kind, name).orElseThrow(() -> new NotFound(
        kind.label() + " '" + name + "' has only deprecated versions; name one explicitly"));
  }

  /** Every version of {@code name}, oldest first, owned by {@code team}. */
  public List<Version> all(ResourceKind kind, String name, String team) {
    get(kind, name, Optional.of(1), team);
    return registry.versions(kind, name);
  }

  /** {@code name} or {@code name@version}, owned by {@code team}; {@code pointer} locates the reference. */
  public Version ref(ResourceKind kind, String ref, String pointer, String team) {
    if (ref == null || ref.isBlank()) {
      throw new Invalid("missing " + kind.label(), List.of(new Problem(
          pointer, "name the " + kind.label() + " as 'name' or 'name@version'")));
    }
    int at = ref.lastIndexOf('@');
    if (at < 0) {
      return get(kind, ref, Optional.empty(), team);
    }
    int version;
    try {
      version = Integer.parseInt(ref.substring(at + 1));
    } catch (NumberFormatException e) {
      throw new Invalid("bad " + kind.label() + " reference", List.of(
          new Problem(pointer, "'" + ref + "' is not 'name' or 'name@version'")));
    }
    return get(kind, ref.substring(0, at), Optional.of(version), team);
  }
}
