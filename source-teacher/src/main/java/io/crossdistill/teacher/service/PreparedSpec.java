package io.crossdistill.teacher.service;

import io.crossdistill.schemas.Problem;
import io.crossdistill.teacher.registry.OwnershipException;
import io.crossdistill.teacher.registry.Registration;
import io.crossdistill.teacher.registry.ResourceKind;
import io.crossdistill.teacher.registry.VersionedRegistry;
import java.util.List;
import java.util.Map;

/**
 * A spec that passed every check registration makes, ready to be stored: its canonical text, the attributes
 * its version keeps, its warnings and what the registry would do with it now. Registration and validation
 * both start from one, so a validation answers exactly the problems a registration would.
 */
record PreparedSpec(ResourceKind kind, String name, String team, String canonical, Map<String, String> attributes,
    List<Problem> warnings, VersionedRegistry.Preview preview) {

  /**
   * Looks up what registering {@code canonical} would do; a name of another team is refused here, at
   * {@code /name}, as the registry would refuse it.
   */
  static PreparedSpec of(VersionedRegistry registry, ResourceKind kind, String name, String team, String canonical,
      Map<String, String> attributes, List<Problem> warnings) {
    VersionedRegistry.Preview preview;
    try {
      preview = registry.preview(kind, name, team, Canonical.hash(canonical));
    } catch (OwnershipException e) {
      throw new Forbidden(e.getMessage(), List.of(new Problem("/name", e.getMessage())));
    }
    return new PreparedSpec(kind, name, team, canonical, attributes, warnings, preview);
  }

  /** Stores the spec: the next version, or the existing one holding the same text. */
  Registration register(VersionedRegistry registry) {
    return registry.register(kind, name, team, Canonical.hash(canonical), canonical, attributes, previous -> { });
  }
}
