package io.crossdistill.teacher.service;

import io.crossdistill.teacher.errors.ApiException;
import io.crossdistill.teacher.errors.ProblemItem;
import io.crossdistill.teacher.registry.ResourceKind;
import io.crossdistill.teacher.registry.Version;
import io.crossdistill.teacher.registry.VersionedRegistry;
import java.util.List;
import java.util.Optional;

/**
 * Version look-ups with the team's access applied: every call that names a schema, mapping or alignment
 * (REST resources, backfill jobs) resolves it here, so they all pass the same checks.
 */
public final class SpecVersions {

  private SpecVersions() {
  }

  /** Version {@code version} (or the latest) of {@code name}, owned by {@code team}; 404 / 403 otherwise. */
  public static Version get(VersionedRegistry registry, ResourceKind kind, String name, Optional<Integer> version, String team) {
    List<Version> versions = registry.versions(kind, name);
    if (versions.isEmpty()) {
      throw ApiException.notFound("no " + kind.label() + " named '" + name + "'");
    }
    Access.own(versions.get(0), team);
    if (version.isPresent()) {
      return registry.get(kind, name, version.get()).orElseThrow(() -> ApiException.notFound(
          kind.label() + " '" + name + "' has no version " + version.get()));
    }
    return registry.latest(kind, name).orElseThrow(() -> ApiException.notFound(
        kind.label() + " '" + name + "' has only deprecated versions; name one explicitly"));
  }

  /** Every version of {@code name}, owned by {@code team}. */
  public static List<Version> all(VersionedRegistry registry, ResourceKind kind, String name, String team) {
    get(registry, kind, name, Optional.of(1), team);
    return registry.versions(kind, name);
  }

  /** {@code name} or {@code name@version}, owned by {@code team}. */
  public static Version ref(VersionedRegistry registry, ResourceKind kind, String ref, String pointer, String team) {
    if (ref == null || ref.isBlank()) {
      throw ApiException.badRequest("missing " + kind.label(), List.of(new ProblemItem(
          pointer, "name the " + kind.label() + " as 'name' or 'name@version'")));
    }
    int at = ref.lastIndexOf('@');
    if (at < 0) {
      return get(registry, kind, ref, Optional.empty(), team);
    }
    try {
      return get(registry, kind, ref.substring(0, at), Optional.of(Integer.parseInt(ref.substring(at + 1))), team);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("bad " + kind.label() + " reference", List.of(
          new ProblemItem(pointer, "'" + ref + "' is not 'name' or 'name@version'")));
    }
  }
}
