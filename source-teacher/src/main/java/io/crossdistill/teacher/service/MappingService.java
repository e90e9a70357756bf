package io.crossdistill.teacher.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crossdistill.mapper.FeatureMapping;
import io.crossdistill.mapper.FeatureMappingSpec;
import io.crossdistill.mapper.MappingJson;
import io.crossdistill.mapper.MappingValidationException;
import io.crossdistill.schemas.Problem;
import io.crossdistill.schemas.ValidationResult;
import io.crossdistill.teacher.registry.Registration;
import io.crossdistill.teacher.registry.ResourceKind;
import io.crossdistill.teacher.registry.Version;
import io.crossdistill.teacher.registry.VersionedRegistry;
import io.crossdistill.v1.TeacherSignature;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * Feature mappings: each POST of a spec is validated against the teacher it names and the team's target
 * schema (every error with its JSON pointer), then registered as the next immutable version; the version
 * remembers the schema version and teacher hash it was checked against.
 */
@ApplicationScoped
public class MappingService {

  private final java.util.Map<String, FeatureMappingSpec> parsedSpecs = new java.util.concurrent.ConcurrentHashMap<>();

  /** Attribute: version of the target schema the mapping was validated against. */
  public static final String SCHEMA_VERSION = "schemaVersion";
  /** Attribute: content hash of the teacher the mapping was validated against. */
  public static final String TEACHER_HASH = "teacherHash";
  /**
   * Attribute: "true" when the spec named the teacher's content hash, so only that version may label
   * with it; a spec that names only the teacher id follows later versions it is valid for.
   */
  public static final String PINNED = "pinnedTeacher";

  private final VersionedRegistry registry;
  private final SchemaService schemas;
  private final TeacherService teachers;
  private final TeamAccess access;

  /** A registration and the validation warnings of the spec. */
  public record Registered(Registration registration, List<Problem> warnings) {
  }

  @Inject
  public MappingService(VersionedRegistry registry, SchemaService schemas, TeacherService teachers, TeamAccess access) {
    this.registry = registry;
    this.access = access;
    this.schemas = schemas;
    this.teachers = teachers;
  }

  /** Validates and registers a spec for {@code team}; the version in the body, if any, is ignored. */
  public Registered register(JsonNode body, String team) {
    PreparedSpec prepared = prepare(body, team);
    return new Registered(prepared.register(registry), prepared.warnings());
  }

  /** What {@link #register} would answer for {@code body}, by the same checks, without registering. */
  public SpecValidation validate(JsonNode body, String team) {
    return SpecValidation.of(body, () -> prepare(body, team));
  }

  /** Every check of registration; throws the refusal a registration answers. */
  private PreparedSpec prepare(JsonNode body, String team) {
    FeatureMappingSpec spec = MappingJson.read(withPlaceholderVersion(body));
    Version schemaVersion = schemaFor(spec, team);
    Schema schema = schemas.schema(schemaVersion);
    // a spec that names only the teacher id means the version that serves (or else the latest registered)
    String hash = spec.teacher().contentHash();
    if (hash.isEmpty()) {
      hash = teachers.serving().filter(t -> t.getTeacherId().equals(spec.teacher().id()))
          .map(TeacherSignature::getContentHash).orElse("");
    }
    TeacherSignature signature = teachers.signature(spec.teacher().id(), hash)
        .orElseThrow(() -> new MappingValidationException(List.of(new Problem("/teacher",
            "no registered teacher '" + spec.teacher().id() + "'"
                + (spec.teacher().contentHash().isEmpty() ? "" : " with content hash " + spec.teacher().contentHash())
                + "; GET /api/v1/teachers lists them")), List.of()));
    // the stored spec names the version it was validated against; a spec that named only the teacher id
    // still follows later versions of that teacher (see isPinned)
    FeatureMappingSpec pinned = withVersion(spec, 1, spec.teacher().contentHash().isEmpty()
        ? signature.getContentHash() : spec.teacher().contentHash());
    ValidationResult result = FeatureMapping.validate(pinned, signature, schema);
    result.orThrow(MappingValidationException::new);
    return PreparedSpec.of(registry, ResourceKind.MAPPING, spec.name(), team, MappingJson.write(pinned),
        Map.of(SCHEMA_VERSION, Integer.toString(schemaVersion.version()), TEACHER_HASH, signature.getContentHash(),
            PINNED, Boolean.toString(!spec.teacher().contentHash().isEmpty())),
        result.warnings());
  }

  /** Whether only the exact teacher version the mapping names may label with it. */
  public static boolean isPinned(Version mapping) {
    return Boolean.parseBoolean(mapping.attributes().get(PINNED));
  }

  /** The spec of a registered version, with its version number. */
  public FeatureMappingSpec spec(Version version) {
    // registered versions never change: each is parsed once (label requests ask for it every time)
    return parsedSpecs.computeIfAbsent(version.ref() + "#" + version.contentHash(),
        k -> withVersion(MappingJson.read(version.body()), version.version(), null));
  }

  /** The target schema version a mapping version was validated against. */
  public Schema targetSchema(Version mapping) {
    FeatureMappingSpec spec = spec(mapping);
    int schemaVersion = Integer.parseInt(mapping.attributes().get(SCHEMA_VERSION));
    return schemas.schema(schemas.version(spec.targetSchema(), Optional.of(schemaVersion)));
  }

  /** The teacher signature a mapping version was validated against. */
  public TeacherSignature signature(Version mapping) {
    FeatureMappingSpec spec = spec(mapping);
    return teachers.signature(spec.teacher().id(), mapping.attributes().get(TEACHER_HASH)).orElseThrow(() ->
        new Unavailable("the teacher mapping " + mapping.ref() + " was validated against is no longer registered"));
  }

  private Version schemaFor(FeatureMappingSpec spec, String team) {
    Optional<Version> latest = registry.latest(ResourceKind.SCHEMA, spec.targetSchema());
    if (latest.isEmpty()) {
      throw new MappingValidationException(List.of(new Problem("/targetSchema",
          "no target schema '" + spec.targetSchema() + "' is registered; POST it to /api/v1/schemas first")), List.of());
    }
    return access.own(latest.get(), team, "/targetSchema");
  }

  /**
   * A spec body as the spec readers take it: refused when absent, given version 1 when it names none (the
   * registry numbers versions, not the caller).
   */
  static JsonNode withPlaceholderVersion(JsonNode body) {
    if (body == null || body.isNull() || body.isMissingNode()) {
      throw Invalid.at("", "empty body", "send the spec as a JSON object");
    }
    if (body instanceof ObjectNode object && !object.has("version")) {
      ObjectNode copy = object.deepCopy();
      copy.put("version", 1);
      return copy;
    }
    return body;
  }

  /** The spec with another version, and (when {@code teacherHash} is given) pinned to that teacher hash. */
  private static FeatureMappingSpec withVersion(FeatureMappingSpec spec, int version, String teacherHash) {
    FeatureMappingSpec.TeacherRef teacher = teacherHash == null ? spec.teacher()
        : new FeatureMappingSpec.TeacherRef(spec.teacher().id(), teacherHash);
    return new FeatureMappingSpec(spec.name(), version, spec.targetSchema(), teacher, spec.recordIdField(), spec.rules());
  }
}
