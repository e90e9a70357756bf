package io.crossdistill.teacher.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.crossdistill.teacher.registry.Version;
import java.time.Instant;
import io.crossdistill.schemas.Problem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.crossdistill.teacher.service.SchemaService;

/**
 * One registered version as the API shows it: identity, state and the resource itself.
 *
 * @param created true when this request made the version, false when it already existed
 * @param compatibility schemas only (left out for other kinds): how the version differs from the one before,
 *     {@code null} for a first version
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VersionView(String kind, String name, int version, String ref, String owner, String createdAt,
    boolean deprecated, String contentHash, Map<String, String> attributes, JsonNode body, Boolean created,
    JsonNode report, List<Problem> warnings, Optional<SchemaService.Compatibility> compatibility) {

  static VersionView of(Version v, JsonNode body) {
    return new VersionView(v.kind().label(), v.name(), v.version(), v.ref(), v.owner(),
        Instant.ofEpochMilli(v.createdAt()).toString(), v.deprecated(), v.contentHash(), v.attributes(), body, null, null,
        null, null);
  }

  /** A schema version's view: an empty {@code compatibility} is written as null (a first version). */
  VersionView withCompatibility(Optional<SchemaService.Compatibility> found) {
    return new VersionView(kind, name, version, ref, owner, createdAt, deprecated, contentHash, attributes, body,
        created, report, warnings, found);
  }

  VersionView withCreated(boolean wasCreated) {
    return new VersionView(kind, name, version, ref, owner, createdAt, deprecated, contentHash, attributes, body,
        wasCreated, report, warnings, compatibility);
  }

  VersionView withReport(JsonNode fitOrCoverage) {
    return new VersionView(kind, name, version, ref, owner, createdAt, deprecated, contentHash, attributes, body,
        created, fitOrCoverage, warnings, compatibility);
  }

  VersionView withoutAttribute(String key) {
    Map<String, String> rest = new java.util.TreeMap<>(attributes);
    rest.remove(key);
    return new VersionView(kind, name, version, ref, owner, createdAt, deprecated, contentHash, rest, body, created,
        report, warnings, compatibility);
  }

  VersionView withWarnings(List<Problem> found) {
    return new VersionView(kind, name, version, ref, owner, createdAt, deprecated, contentHash, attributes, body,
        created, report, found.isEmpty() ? null : found, compatibility);
  }
}
