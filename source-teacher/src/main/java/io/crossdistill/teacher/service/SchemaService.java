package io.crossdistill.teacher.service;

import io.crossdistill.schemas.Problem;
import io.crossdistill.teacher.registry.Registration;
import io.crossdistill.teacher.registry.ResourceKind;
import io.crossdistill.teacher.registry.Version;
import io.crossdistill.teacher.registry.VersionedRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaParseException;

/**
 * Target schemas of the app teams: Avro record schemas registered under their full name. A new version
 * must be backward compatible with the previous one (data written with the old schema stays readable
 * with the new one); otherwise it is refused with every incompatibility and where it is.
 */
@ApplicationScoped
public class SchemaService {

  private final VersionedRegistry registry;
  private final Map<String, Schema> parsed = new ConcurrentHashMap<>();

  @Inject
  public SchemaService(VersionedRegistry registry) {
    this.registry = registry;
  }

  /** Parses and registers a schema for {@code team}. */
  public Registration register(String schemaJson, String team) {
    Schema schema = parse(schemaJson);
    String canonical = schema.toString();
    return registry.register(ResourceKind.SCHEMA, schema.getFullName(), team, Canonical.hash(canonical), canonical,
        Map.of(), previous -> previous.ifPresent(p -> checkBackwardCompatible(schema, p)));
  }

  /** A version of a schema ({@code version} empty: the latest). */
  public Version version(String name, Optional<Integer> version) {
    if (registry.versions(ResourceKind.SCHEMA, name).isEmpty()) {
      throw new NotFound("no schema named '" + name + "'");
    }
    return version.map(v -> registry.get(ResourceKind.SCHEMA, name, v).orElseThrow(() -> new NotFound(
            "schema '" + name + "' has no version " + v)))
        .orElseGet(() -> registry.latest(ResourceKind.SCHEMA, name).orElseThrow(() -> new NotFound(
            "schema '" + name + "' has only deprecated versions")));
  }

  /** The parsed schema of a registered version. */
  public Schema schema(Version version) {
    return parsed.computeIfAbsent(version.contentHash(), h -> new Schema.Parser().parse(version.body()));
  }

  /**
   * How a schema version differs from the one before it, by top-level field name.
   *
   * @param with       the previous version
   * @param compatible whether records written with {@code with} can be read with this version (Avro's
   *                   reader/writer check, the one registration makes)
   * @param added      fields this version has and {@code with} has not
   * @param removed    fields {@code with} has and this version has not
   * @param changed    fields of both whose type or default differs
   */
  public record Compatibility(int with, boolean compatible, List<String> added, List<String> removed,
      List<String> changed) {

    public Compatibility {
      added = List.copyOf(added);
      removed = List.copyOf(removed);
      changed = List.copyOf(changed);
    }
  }

  /** How {@code version} differs from the version before it; empty for a first version. */
  public Optional<Compatibility> compatibility(Version version) {
    return registry.get(ResourceKind.SCHEMA, version.name(), version.version() - 1)
        .map(previous -> compare(schema(previous), schema(version), previous.version()));
  }

  private static Compatibility compare(Schema old, Schema next, int oldVersion) {
    boolean compatible = SchemaCompatibility.checkReaderWriterCompatibility(next, old).getType()
        == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
    List<String> added = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    for (Schema.Field field : next.getFields()) {
      Schema.Field before = old.getField(field.name());
      if (before == null) {
        added.add(field.name());
      } else if (!before.schema().equals(field.schema()) || !Objects.equals(before.defaultVal(), field.defaultVal())) {
        changed.add(field.name());
      }
    }
    List<String> removed = old.getFields().stream().map(Schema.Field::name).filter(name -> next.getField(name) == null)
        .toList();
    return new Compatibility(oldVersion, compatible, added, removed, changed);
  }

  static Schema parse(String json) {
    Schema schema;
    try {
      schema = new Schema.Parser().parse(json);
    } catch (SchemaParseException | IllegalArgumentException e) {
      throw new Invalid("not a valid Avro schema",
          List.of(new Problem("", String.valueOf(e.getMessage()))));
    } catch (RuntimeException e) {
      // Jackson parse errors surface as runtime exceptions from the Avro parser
      throw new Invalid("not a valid Avro schema",
          List.of(new Problem("", String.valueOf(e.getMessage()))));
    }
    if (schema.getType() != Schema.Type.RECORD) {
      throw new Invalid("a target schema is an Avro record",
          List.of(new Problem("/type", "is '" + schema.getType().getName() + "', expected 'record'")));
    }
    return schema;
  }

  private void checkBackwardCompatible(Schema next, Version previous) {
    Schema old = schema(previous);
    SchemaCompatibility.SchemaPairCompatibility pair = SchemaCompatibility.checkReaderWriterCompatibility(next, old);
    List<SchemaCompatibility.Incompatibility> problems = pair.getResult().getIncompatibilities();
    if (!problems.isEmpty()) {
      throw new Conflict("schema '" + next.getFullName() + "' is not backward compatible with version "
              + previous.version() + ": records written with it could not be read",
          problems.stream().map(i -> new Problem(i.getLocation(),
              i.getType() + ": " + i.getMessage())).toList());
    }
  }
}
