package io.crossdistill.mapper.internal;

import io.crossdistill.mapper.FeatureMappingSpec;
import io.crossdistill.mapper.Literal;
import io.crossdistill.mapper.MissingPolicy;
import io.crossdistill.mapper.Rule;
import io.crossdistill.mapper.Source;
import io.crossdistill.schemas.Problem;
import io.crossdistill.schemas.ValidationResult;
import io.crossdistill.v1.InputType;
import io.crossdistill.v1.TeacherInput;
import io.crossdistill.v1.TeacherSignature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Checks a spec against a teacher signature and a target schema and collects every problem; for the
 * rules that pass, it keeps a {@link RulePlan} the compiler builds from.
 */
public final class SpecValidator {

  /** Above this fraction of defaulted inputs, validation warns. */
  public static final double DEFAULTED_WARNING_FRACTION = 0.4;

  private final FeatureMappingSpec spec;
  private final TeacherSignature signature;
  private final Schema schema;
  private final List<Problem> errors = new ArrayList<>();
  private final List<Problem> warnings = new ArrayList<>();
  private final Map<String, RulePlan> plans = new LinkedHashMap<>();

  /**
   * What the compiler needs of one valid rule.
   *
   * @param kinds value kinds before each transform, then after the last (so {@code transforms + 1})
   * @param fallback value written when the rule defaults (teacher default, constant, or zero)
   */
  record RulePlan(Rule rule, TeacherInput input, TargetPath path, List<ValueKind> kinds, Literal fallback) {
  }

  private SpecValidator(FeatureMappingSpec spec, TeacherSignature signature, Schema schema) {
    this.spec = spec;
    this.signature = signature;
    this.schema = schema;
  }

  /** Validates; the plans are complete only when the result has no errors. */
  public static SpecValidator run(FeatureMappingSpec spec, TeacherSignature signature, Schema targetSchema) {
    SpecValidator v = new SpecValidator(spec, signature, targetSchema);
    v.check();
    return v;
  }

  public ValidationResult result() {
    return new ValidationResult(errors, warnings);
  }

  Map<String, RulePlan> plans() {
    return plans;
  }

  private void check() {
    checkHeader();
    Map<String, TeacherInput> inputs = new LinkedHashMap<>();
    for (TeacherInput input : signature.getInputs()) {
      if (inputs.putIfAbsent(input.getName(), input) != null) {
        errors.add(new Problem("", "the teacher signature lists input '" + input.getName() + "' twice"));
      }
    }
    Map<String, Integer> ruleOf = new LinkedHashMap<>();
    int defaulted = 0;
    ChainTyper typer = schema.getType() == Schema.Type.RECORD ? new ChainTyper(schema, errors, warnings) : null;
    for (int i = 0; i < spec.rules().size(); i++) {
      Rule rule = spec.rules().get(i);
      String at = "/rules/" + i;
      TeacherInput input = inputs.get(rule.input());
      if (input == null) {
        errors.add(new Problem(at + "/input", "teacher '" + signature.getTeacherId() + "' has no input '"
            + rule.input() + "'" + closest(rule.input(), inputs.keySet())));
      } else if (ruleOf.containsKey(rule.input())) {
        errors.add(new Problem(at + "/input", "teacher input '" + rule.input() + "' already has a rule at /rules/"
            + ruleOf.get(rule.input()) + "; each input takes exactly one rule"));
        input = null;
      } else {
        ruleOf.put(rule.input(), i);
        input = checkInput(input, at) ? input : null;
      }
      if (rule.source() instanceof Source.Default) {
        defaulted++;
      }
      checkRule(rule, input, at, typer);
    }
    for (String name : inputs.keySet()) {
      if (!ruleOf.containsKey(name)) {
        errors.add(new Problem("/rules", "teacher input '" + name + "' has no rule; map it with \"from\", or write "
            + "{\"input\": \"" + name + "\", \"default\": true} if the target has no counterpart"));
      }
    }
    if (!inputs.isEmpty() && defaulted > DEFAULTED_WARNING_FRACTION * inputs.size()) {
      warnings.add(new Problem("/rules", String.format(Locale.ROOT,
          "%d of %d teacher inputs (%.1f%%) are defaulted, above %.0f%%: expect a large teacher/student "
              + "distribution shift; check the coverage and drift report", defaulted, inputs.size(),
          100.0 * defaulted / inputs.size(), 100 * DEFAULTED_WARNING_FRACTION)));
    }
    checkRecordId();
  }

  private void checkHeader() {
    if (spec.name().isBlank()) {
      errors.add(new Problem("/name", "name is empty; name the mapping, e.g. music-to-video"));
    }
    if (spec.version() < 1) {
      errors.add(new Problem("/version", "version must be 1 or more, got " + spec.version()));
    }
    if (schema.getType() != Schema.Type.RECORD) {
      errors.add(new Problem("/targetSchema", "the target schema must be a record, but it is " + schema.getType()));
    } else if (!schema.getFullName().equals(spec.targetSchema())) {
      errors.add(new Problem("/targetSchema", "the spec reads '" + spec.targetSchema()
          + "', but the target schema given is '" + schema.getFullName() + "'"));
    }
    if (!signature.getTeacherId().equals(spec.teacher().id())) {
      errors.add(new Problem("/teacher/id", "the spec is written for teacher '" + spec.teacher().id()
          + "', but the signature is of teacher '" + signature.getTeacherId() + "'"));
    }
    if (!signature.getContentHash().equals(spec.teacher().contentHash())) {
      errors.add(new Problem("/teacher/contentHash", "the spec is written for teacher content hash '"
          + spec.teacher().contentHash() + "', but the signature's is '" + signature.getContentHash()
          + "'; validate the mapping against this teacher and record its hash"));
    }
  }

  private boolean checkInput(TeacherInput input, String at) {
    if (input.getType() == InputType.ID && input.getCardinality() <= 0) {
      errors.add(new Problem(at + "/input", "teacher input '" + input.getName() + "' is an ID input with cardinality "
          + input.getCardinality() + "; the signature must declare how many ids it takes"));
      return false;
    }
    if (input.getType() == InputType.FLOAT_VECTOR && input.getDimension() < 1) {
      errors.add(new Problem(at + "/input", "teacher input '" + input.getName() + "' is a vector of dimension "
          + input.getDimension() + "; the signature must declare its dimension"));
      return false;
    }
    return true;
  }

  private void checkRule(Rule rule, TeacherInput input, String at, ChainTyper typer) {
    Source source = rule.source();
    if (!(source instanceof Source.Field) && !rule.transforms().isEmpty()) {
      errors.add(new Problem(at + "/transforms", "transforms apply only to rules that read a field (\"from\")"));
      input = null;
    }
    if (source instanceof Source.Constant c) {
      String problem = input == null ? null : FixedValues.problem(c.value(), input);
      if (problem != null) {
        errors.add(new Problem(at + "/constant", problem));
      } else if (input != null) {
        plans.put(rule.input(), new RulePlan(rule, input, null, List.of(), c.value()));
      }
    } else if (source instanceof Source.Default) {
      Literal fallback = input == null ? null : teacherDefault(input, at, true);
      if (input != null && (fallback != null || input.getDefaultValue() == null)) {
        plans.put(rule.input(), new RulePlan(rule, input, null, List.of(), fallback));
      }
    } else if (source instanceof Source.Field f && typer != null) {
      checkField(rule, f, input, at, typer);
    }
  }

  private void checkField(Rule rule, Source.Field field, TeacherInput input, String at, ChainTyper typer) {
    TargetPath.Resolved resolved = TargetPath.resolve(schema, field.path());
    ChainTyper.Typed typed = null;
    if (!resolved.ok()) {
      errors.add(new Problem(at + "/from", resolved.error()));
    } else {
      Schema leaf = resolved.path().leaf();
      ValueKind kind = TargetPath.kindOf(leaf);
      if (kind == null) {
        errors.add(new Problem(at + "/from", "'" + field.path() + "' is " + TargetPath.describe(leaf)
            + "; the mapper reads numbers, booleans, strings, enums and numeric arrays"));
      } else {
        typed = leaf.getType() == Schema.Type.BOOLEAN ? ChainTyper.Typed.ids(0, 1) : ChainTyper.Typed.of(kind);
      }
    }
    List<ValueKind> kinds = new ArrayList<>();
    for (int j = 0; j < rule.transforms().size(); j++) {
      String tAt = at + "/transforms/" + j;
      if (typed == null) {
        // still check parameters, against a kind the transform accepts, so every error shows at once
        typer.apply(rule.transforms().get(j), ChainTyper.Typed.of(anyKindFor(rule.transforms().get(j))), tAt, input);
        continue;
      }
      kinds.add(typed.kind());
      typed = typer.apply(rule.transforms().get(j), typed, tAt, input);
    }
    if (typed == null || input == null) {
      return;
    }
    kinds.add(typed.kind());
    String endAt = rule.transforms().isEmpty() ? at + "/from" : at + "/transforms/" + (rule.transforms().size() - 1);
    if (!fitsInput(typed, input, endAt)) {
      return;
    }
    boolean canDefault = rule.onMissing() == MissingPolicy.DEFAULT;
    Literal fallback = canDefault ? teacherDefault(input, at, false) : null;
    if (canDefault && fallback == null && input.getDefaultValue() != null) {
      return;
    }
    plans.put(rule.input(), new RulePlan(rule, input, resolved.path(), kinds, fallback));
  }

  private boolean fitsInput(ChainTyper.Typed typed, TeacherInput input, String at) {
    String name = "teacher input '" + input.getName() + "'";
    ValueKind kind = typed.kind();
    switch (input.getType()) {
      case FLOAT -> {
        if (kind.isNumber()) {
          return true;
        }
        errors.add(new Problem(at, "the rule yields " + kind.phrase() + ", but " + name + " is a FLOAT input"
            + (kind == ValueKind.STRING ? "; add cast to float" : "")));
        return false;
      }
      case ID -> {
        if (kind != ValueKind.LONG) {
          errors.add(new Problem(at, "the rule yields " + kind.phrase() + ", but " + name + " is an ID input; end the "
              + "chain with " + (kind == ValueKind.FLOAT ? "bucketize or cast to long" : "vocabulary, hash or lookup")));
          return false;
        }
        long cardinality = input.getCardinality();
        if (!typed.known()) {
          warnings.add(new Problem(at, "ids of " + name + " are not bounded by the chain; records with ids outside 0.."
              + (cardinality - 1) + " will be rejected; add clip, hash, vocabulary or lookup to bound them"));
        } else if (typed.lo() < 0 || typed.hi() >= cardinality) {
          errors.add(new Problem(at, "the rule yields ids in " + typed.lo() + ".." + typed.hi() + ", but " + name
              + " takes ids 0.." + (cardinality - 1) + " (cardinality " + cardinality + ")"));
          return false;
        }
        return true;
      }
      case STRING -> {
        if (kind == ValueKind.STRING) {
          return true;
        }
        errors.add(new Problem(at, "the rule yields " + kind.phrase() + ", but " + name + " is a STRING input"));
        return false;
      }
      case FLOAT_VECTOR -> {
        if (kind == ValueKind.VECTOR) {
          return true;
        }
        errors.add(new Problem(at, "the rule yields " + kind.phrase() + ", but " + name + " is a FLOAT_VECTOR input of "
            + input.getDimension() + " values"));
        return false;
      }
      default -> throw new IllegalStateException("unknown input type " + input.getType());
    }
  }

  private Literal teacherDefault(TeacherInput input, String at, boolean explicit) {
    Literal value = FixedValues.defaultOf(input);
    if (value == null) {
      if (explicit) {
        warnings.add(new Problem(at, "teacher input '" + input.getName() + "' declares no default value; "
            + "a zero value is used"));
      }
      return null;
    }
    String problem = FixedValues.problem(value, input);
    if (problem != null) {
      errors.add(new Problem(at, "the teacher's default for '" + input.getName() + "' is unusable (" + problem
          + "); fix the signature or use a constant"));
      return null;
    }
    return value;
  }

  private void checkRecordId() {
    if (spec.recordIdField().isEmpty() || schema.getType() != Schema.Type.RECORD) {
      return;
    }
    TargetPath.Resolved resolved = TargetPath.resolve(schema, spec.recordIdField());
    if (!resolved.ok()) {
      errors.add(new Problem("/recordIdField", resolved.error() + "; name the record id field, or \"\" for none"));
    } else {
      ValueKind kind = TargetPath.kindOf(resolved.path().leaf());
      if (kind != ValueKind.STRING && kind != ValueKind.LONG) {
        errors.add(new Problem("/recordIdField", "the record id must be a string or an integer, but '"
            + spec.recordIdField() + "' is " + TargetPath.describe(resolved.path().leaf())));
      }
    }
  }

  private static ValueKind anyKindFor(io.crossdistill.mapper.Transform t) {
    if (t instanceof io.crossdistill.mapper.Transform.Vector) {
      return ValueKind.VECTOR;
    }
    return t instanceof io.crossdistill.mapper.Transform.Vocabulary || t instanceof io.crossdistill.mapper.Transform.Lookup
        || t instanceof io.crossdistill.mapper.Transform.Hash ? ValueKind.STRING : ValueKind.FLOAT;
  }

  private static String closest(String name, Iterable<String> names) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : names) {
      int d = Levenshtein.distance(name, candidate);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return best != null && bestDistance <= Math.max(2, name.length() / 3) ? " (did you mean '" + best + "'?)" : "";
  }
}
