package io.crossdistill.mapper.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crossdistill.mapper.FeatureMappingSpec;
import io.crossdistill.mapper.Literal;
import io.crossdistill.mapper.MissingPolicy;
import io.crossdistill.mapper.Rule;
import io.crossdistill.mapper.Source;
import io.crossdistill.mapper.Transform;
import java.util.Map;

/** Writes a spec as a Jackson tree in the JSON form {@link SpecJsonReader} reads. */
public final class SpecJsonWriter {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private SpecJsonWriter() {
  }

  public static ObjectNode write(FeatureMappingSpec spec) {
    ObjectNode root = JSON.objectNode();
    root.put("name", spec.name());
    root.put("version", spec.version());
    root.put("targetSchema", spec.targetSchema());
    ObjectNode teacher = root.putObject("teacher");
    teacher.put("id", spec.teacher().id());
    teacher.put("contentHash", spec.teacher().contentHash());
    root.put("recordIdField", spec.recordIdField());
    ArrayNode rules = root.putArray("rules");
    for (Rule rule : spec.rules()) {
      rules.add(rule(rule));
    }
    return root;
  }

  private static ObjectNode rule(Rule rule) {
    ObjectNode node = JSON.objectNode();
    node.put("input", rule.input());
    if (rule.source() instanceof Source.Field f) {
      node.put("from", f.path());
    } else if (rule.source() instanceof Source.Constant c) {
      literal(node, c.value());
    } else {
      node.put("default", true);
    }
    if (!rule.transforms().isEmpty()) {
      ArrayNode transforms = node.putArray("transforms");
      for (Transform t : rule.transforms()) {
        transforms.add(transform(t));
      }
    }
    if (rule.onMissing() != MissingPolicy.DEFAULT || rule.source() instanceof Source.Field) {
      node.put("onMissing", rule.onMissing().name().toLowerCase(java.util.Locale.ROOT));
    }
    return node;
  }

  private static void literal(ObjectNode node, Literal value) {
    if (value instanceof Literal.Number n) {
      node.put("constant", n.value());
    } else if (value instanceof Literal.Id id) {
      node.put("constant", id.value());
    } else if (value instanceof Literal.Text t) {
      node.put("constant", t.value());
    } else if (value instanceof Literal.Vector v) {
      ArrayNode array = node.putArray("constant");
      v.values().forEach(array::add);
    }
  }

  private static ObjectNode transform(Transform t) {
    ObjectNode node = JSON.objectNode();
    if (t instanceof Transform.Identity) {
      node.put("op", "identity");
    } else if (t instanceof Transform.Cast c) {
      node.put("op", "cast").put("to", c.to().name().toLowerCase(java.util.Locale.ROOT));
    } else if (t instanceof Transform.Log1p) {
      node.put("op", "log1p");
    } else if (t instanceof Transform.Standardize s) {
      node.put("op", "standardize").put("mean", s.mean()).put("std", s.std());
    } else if (t instanceof Transform.Clip c) {
      node.put("op", "clip").put("min", c.min()).put("max", c.max());
    } else if (t instanceof Transform.Bucketize b) {
      node.put("op", "bucketize");
      ArrayNode edges = node.putArray("boundaries");
      b.boundaries().forEach(edges::add);
    } else if (t instanceof Transform.Vocabulary v) {
      node.put("op", "vocabulary");
      ArrayNode values = node.putArray("values");
      v.values().forEach(values::add);
      node.put("oovId", v.oovId());
    } else if (t instanceof Transform.Hash h) {
      node.put("op", "hash").put("buckets", h.buckets());
    } else if (t instanceof Transform.Lookup l) {
      node.put("op", "lookup");
      ObjectNode table = node.putObject("table");
      for (Map.Entry<String, Long> e : l.table().entrySet()) {
        table.put(e.getKey(), e.getValue());
      }
      node.put("otherwise", l.otherwise());
    } else if (t instanceof Transform.Vector v) {
      node.put("op", "vector").put("dimension", v.dimension());
    } else if (t instanceof Transform.WeightedSum w) {
      node.put("op", "weightedSum").put("selfWeight", w.selfWeight());
      ArrayNode terms = node.putArray("terms");
      for (Transform.Term term : w.terms()) {
        terms.addObject().put("from", term.path()).put("weight", term.weight());
      }
    }
    return node;
  }
}
