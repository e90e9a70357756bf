package io.crossdistill.teacher.service;

import io.crossdistill.teacher.errors.ApiException;
import io.crossdistill.teacher.registry.Version;

/** Team access rules: a team reads and writes only its own schemas, mappings and alignments. */
public final class Access {

  private Access() {
  }

  /** Returns {@code version} when {@code team} owns it; 403 otherwise. */
  public static Version own(Version version, String team) {
    if (!version.owner().equals(team)) {
      throw ApiException.forbidden(version.kind().label() + " '" + version.name() + "' belongs to another team");
    }
    return version;
  }
}
