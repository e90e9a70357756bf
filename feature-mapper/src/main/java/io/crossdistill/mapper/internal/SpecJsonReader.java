package io.crossdistill.mapper.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.crossdistill.mapper.FeatureMappingSpec;
import io.crossdistill.mapper.Literal;
import io.crossdistill.mapper.MissingPolicy;
import io.crossdistill.mapper.Rule;
import io.crossdistill.mapper.Source;
import io.crossdistill.mapper.Transform;
import io.crossdistill.schemas.JsonPointers;
import io.crossdistill.schemas.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the JSON form of a spec from a Jackson tree, collecting every structural problem (missing or
 * unknown fields, wrong JSON types, unknown transforms) with its JSON pointer instead of stopping at
 * the first.
 */
public final class SpecJsonReader {

  private static final Set<String> TOP = Set.of("name", "version", "targetSchema", "teacher", "recordIdField", "rules");
  private static final Set<String> TEACHER = Set.of("id", "contentHash");
  private static final Set<String> RULE = Set.of("input", "from", "constant", "default", "transforms", "onMissing");
  private static final Map<String, Set<String>> OPS = Map.ofEntries(
      Map.entry("identity", Set.of()), Map.entry("cast", Set.of("to")), Map.entry("log1p", Set.of()),
      Map.entry("standardize", Set.of("mean", "std")), Map.entry("clip", Set.of("min", "max")),
      Map.entry("bucketize", Set.of("boundaries")), Map.entry("vocabulary", Set.of("values", "oovId")),
      Map.entry("hash", Set.of("buckets")), Map.entry("lookup", Set.of("table", "otherwise")),
      Map.entry("vector", Set.of("dimension")), Map.entry("weightedSum", Set.of("selfWeight", "terms")));

  private final List<Problem> problems = new ArrayList<>();

  /** The spec, or null when there are problems (then {@link #problems()} lists them all). */
  public FeatureMappingSpec read(JsonNode root) {
    if (!root.isObject()) {
      problems.add(new Problem("", "a feature mapping spec is a JSON object"));
      return null;
    }
    fields(root, "", TOP);
    String name = text(root, "", "name", null);
    int version = intValue(root, "", "version");
    String target = text(root, "", "targetSchema", null);
    FeatureMappingSpec.TeacherRef teacher = null;
    JsonNode t = root.get("teacher");
    if (t == null || !t.isObject()) {
      problems.add(new Problem("/teacher", t == null ? "missing; write {\"id\": ..., \"contentHash\": ...}" : "must be an object"));
    } else {
      fields(t, "/teacher", TEACHER);
      String id = text(t, "/teacher", "id", null);
      String hash = text(t, "/teacher", "contentHash", "");
      teacher = id == null || hash == null ? null : new FeatureMappingSpec.TeacherRef(id, hash);
    }
    String recordId = text(root, "", "recordIdField", FeatureMappingSpec.DEFAULT_RECORD_ID_FIELD);
    List<Rule> rules = new ArrayList<>();
    JsonNode r = root.get("rules");
    if (r == null || !r.isArray()) {
      problems.add(new Problem("/rules", r == null ? "missing; list one rule per teacher input" : "must be an array"));
    } else {
      for (int i = 0; i < r.size(); i++) {
        Rule rule = rule(r.get(i), "/rules/" + i);
        if (rule != null) {
          rules.add(rule);
        }
      }
    }
    if (!problems.isEmpty()) {
      return null;
    }
    return new FeatureMappingSpec(name, version, target, teacher, recordId, rules);
  }

  public List<Problem> problems() {
    return problems;
  }

  private Rule rule(JsonNode node, String at) {
    if (!node.isObject()) {
      problems.add(new Problem(at, "a rule is an object like {\"input\": ..., \"from\": ...}"));
      return null;
    }
    int before = problems.size();
    fields(node, at, RULE);
    String input = text(node, at, "input", null);
    int sources = (node.has("from") ? 1 : 0) + (node.has("constant") ? 1 : 0) + (node.has("default") ? 1 : 0);
    Source source = null;
    if (sources != 1) {
      problems.add(new Problem(at, sources == 0 ? "the rule needs one of \"from\", \"constant\" or \"default\""
          : "the rule has more than one of \"from\", \"constant\" and \"default\"; keep one"));
    } else if (node.has("from")) {
      String path = text(node, at, "from", null);
      source = path == null ? null : new Source.Field(path);
    } else if (node.has("constant")) {
      Literal value = literal(node.get("constant"), at + "/constant");
      source = value == null ? null : new Source.Constant(value);
    } else if (!node.get("default").isBoolean() || !node.get("default").booleanValue()) {
      problems.add(new Problem(at + "/default", "write \"default\": true (the input takes the teacher's default)"));
    } else {
      source = new Source.Default();
    }
    List<Transform> transforms = new ArrayList<>();
    JsonNode list = node.get("transforms");
    if (list != null && !list.isArray()) {
      problems.add(new Problem(at + "/transforms", "must be an array"));
    } else if (list != null) {
      for (int j = 0; j < list.size(); j++) {
        Transform transform = transform(list.get(j), at + "/transforms/" + j);
        if (transform != null) {
          transforms.add(transform);
        }
      }
    }
    MissingPolicy onMissing = MissingPolicy.DEFAULT;
    String policy = text(node, at, "onMissing", "default");
    if (policy != null) {
      try {
        onMissing = MissingPolicy.valueOf(policy.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(new Problem(at + "/onMissing", "'" + policy + "' is not a policy; use \"default\" or \"reject\""));
      }
    }
    return problems.size() > before ? null : new Rule(input, source, transforms, onMissing);
  }

  private Transform transform(JsonNode node, String at) {
    if (!node.isObject()) {
      problems.add(new Problem(at, "a transform is an object like {\"op\": \"log1p\"}"));
      return null;
    }
    String op = text(node, at, "op", null);
    if (op == null) {
      return null;
    }
    Set<String> params = OPS.get(op);
    if (params == null) {
      problems.add(new Problem(at + "/op", "unknown transform '" + op + "'; known: " + new java.util.TreeSet<>(OPS.keySet())));
      return null;
    }
    Set<String> allowed = new java.util.HashSet<>(params);
    allowed.add("op");
    int before = problems.size();
    fields(node, at, allowed);
    Transform t = switch (op) {
      case "identity" -> new Transform.Identity();
      case "log1p" -> new Transform.Log1p();
      case "cast" -> cast(node, at);
      case "standardize" -> new Transform.Standardize(number(node, at, "mean"), number(node, at, "std"));
      case "clip" -> new Transform.Clip(number(node, at, "min"), number(node, at, "max"));
      case "bucketize" -> new Transform.Bucketize(numbers(node, at, "boundaries"));
      case "vocabulary" -> new Transform.Vocabulary(keys(node, at, "values"), longValue(node, at, "oovId"));
      case "hash" -> new Transform.Hash(longValue(node, at, "buckets"));
      case "lookup" -> new Transform.Lookup(table(node, at), longValue(node, at, "otherwise"));
      case "vector" -> new Transform.Vector(intValue(node, at, "dimension"));
      case "weightedSum" -> new Transform.WeightedSum(number(node, at, "selfWeight"), terms(node, at));
      default -> throw new IllegalStateException(op);
    };
    return problems.size() > before ? null : t;
  }

  private Transform cast(JsonNode node, String at) {
    String to = text(node, at, "to", null);
    if ("float".equals(to)) {
      return new Transform.Cast(Transform.CastTarget.FLOAT);
    } else if ("long".equals(to)) {
      return new Transform.Cast(Transform.CastTarget.LONG);
    } else if (to != null) {
      problems.add(new Problem(at + "/to", "cast to '" + to + "' is not supported; use \"float\" or \"long\""));
    }
    return new Transform.Cast(Transform.CastTarget.FLOAT);
  }

  private List<Transform.Term> terms(JsonNode node, String at) {
    List<Transform.Term> terms = new ArrayList<>();
    JsonNode list = node.get("terms");
    if (list == null || !list.isArray()) {
      problems.add(new Problem(at + "/terms", "must be an array of {\"from\": ..., \"weight\": ...}"));
      return terms;
    }
    for (int k = 0; k < list.size(); k++) {
      String termAt = at + "/terms/" + k;
      JsonNode term = list.get(k);
      if (!term.isObject()) {
        problems.add(new Problem(termAt, "a term is an object {\"from\": ..., \"weight\": ...}"));
        continue;
      }
      fields(term, termAt, Set.of("from", "weight"));
      String path = text(term, termAt, "from", null);
      double weight = number(term, termAt, "weight");
      if (path != null) {
        terms.add(new Transform.Term(path, weight));
      }
    }
    return terms;
  }

  private Map<String, Long> table(JsonNode node, String at) {
    Map<String, Long> table = new LinkedHashMap<>();
    JsonNode t = node.get("table");
    if (t == null || !t.isObject()) {
      problems.add(new Problem(at + "/table", "must be an object from target values to teacher ids"));
      return table;
    }
    for (Map.Entry<String, JsonNode> e : t.properties()) {
      if (!e.getValue().canConvertToLong() || !e.getValue().isIntegralNumber()) {
        problems.add(new Problem(JsonPointers.child(at + "/table", e.getKey()), "must be an integer id"));
      } else {
        table.put(e.getKey(), e.getValue().longValue());
      }
    }
    return table;
  }

  private Literal literal(JsonNode v, String at) {
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return new Literal.Id(v.longValue());
    } else if (v.isNumber()) {
      return new Literal.Number(v.doubleValue());
    } else if (v.isTextual()) {
      return new Literal.Text(v.textValue());
    } else if (v.isArray()) {
      List<Float> values = new ArrayList<>();
      for (int k = 0; k < v.size(); k++) {
        if (!v.get(k).isNumber()) {
          problems.add(new Problem(at + "/" + k, "vector values must be numbers"));
        } else {
          values.add(v.get(k).floatValue());
        }
      }
      return new Literal.Vector(values);
    }
    problems.add(new Problem(at, "a constant is a number, a string or an array of numbers"));
    return null;
  }

  private void fields(JsonNode node, String at, Set<String> allowed) {
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String field = entry.getKey();
      if (!allowed.contains(field)) {
        problems.add(new Problem(JsonPointers.child(at, field), "unknown field '" + field + "'; expected one of "
            + new java.util.TreeSet<>(allowed)));
      }
    }
  }

  private String text(JsonNode node, String at, String field, String otherwise) {
    JsonNode v = node.get(field);
    if (v == null && otherwise != null) {
      return otherwise;
    }
    if (v == null || !v.isTextual()) {
      problems.add(new Problem(at + "/" + field, v == null ? "missing" : "must be a string"));
      return null;
    }
    return v.textValue();
  }

  private double number(JsonNode node, String at, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isNumber()) {
      problems.add(new Problem(at + "/" + field, v == null ? "missing" : "must be a number"));
      return Double.NaN;
    }
    return v.doubleValue();
  }

  private long longValue(JsonNode node, String at, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
      problems.add(new Problem(at + "/" + field, v == null ? "missing" : "must be an integer"));
      return 0;
    }
    return v.longValue();
  }

  private int intValue(JsonNode node, String at, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
      problems.add(new Problem(at + "/" + field, v == null ? "missing" : "must be an integer"));
      return 0;
    }
    return v.intValue();
  }

  private List<Double> numbers(JsonNode node, String at, String field) {
    List<Double> values = new ArrayList<>();
    JsonNode v = node.get(field);
    if (v == null || !v.isArray()) {
      problems.add(new Problem(at + "/" + field, v == null ? "missing" : "must be an array of numbers"));
      return values;
    }
    for (int k = 0; k < v.size(); k++) {
      if (!v.get(k).isNumber()) {
        problems.add(new Problem(at + "/" + field + "/" + k, "must be a number"));
      } else {
        values.add(v.get(k).doubleValue());
      }
    }
    return values;
  }

  private List<String> keys(JsonNode node, String at, String field) {
    List<String> values = new ArrayList<>();
    JsonNode v = node.get(field);
    if (v == null || !v.isArray()) {
      problems.add(new Problem(at + "/" + field, v == null ? "missing" : "must be an array of strings or integers"));
      return values;
    }
    for (int k = 0; k < v.size(); k++) {
      JsonNode item = v.get(k);
      if (item.isTextual()) {
        values.add(item.textValue());
      } else if (item.isIntegralNumber() && item.canConvertToLong()) {
        values.add(Long.toString(item.longValue()));
      } else {
        problems.add(new Problem(at + "/" + field + "/" + k, "must be a string or an integer"));
      }
    }
    return values;
  }
}
