package io.crossdistill.teacher.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.crossdistill.teacher.registry.Version;
import java.time.Instant;
import io.crossdistill.schemas.Problem;
import java.util.List;
import java.util.Map;

/**
 * One registered version as the API shows it: identity, state and the resource itself.
 *
 * @param created true when this request made the version, false when it already existed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VersionView(String kind, String name, int version, String ref, String owner, String createdAt,
    boolean deprecated, String contentHash, Map<String, String> attributes, JsonNode body, Boolean created,
    JsonNode report, List<Problem> warnings) {

  static VersionView of(Version v, JsonNode body) {
    return new VersionView(v.kind().label(), v.name(), v.version(), v.ref(), v.owner(),
        Instant.ofEpochMilli(v.createdAt()).toString(), v.deprecated(), v.contentHash(), v.attributes(), body, null, null, null);
  }

  VersionView withCreated(boolean wasCreated) {
    return new VersionView(kind, name, version, ref, owner, createdAt, deprecated, contentHash, attributes, body,
        wasCreated, report, warnings);
  }

  VersionView withReport(JsonNode fitOrCoverage) {
    return new VersionView(kind, name, version, ref, owner, createdAt, deprecated, contentHash, attributes, body,
        created, fitOrCoverage, warnings);
  }

  VersionView withoutAttribute(String key) {
    Map<String, String> rest = new java.util.TreeMap<>(attributes);
    rest.remove(key);
    return new VersionView(kind, name, version, ref, owner, createdAt, deprecated, contentHash, rest, body, created,
        report, warnings);
  }

  VersionView withWarnings(List<Problem> found) {
    return new VersionView(kind, name, version, ref, owner, createdAt, deprecated, contentHash, attributes, body,
        created, report, found.isEmpty() ? null : found);
  }
}
