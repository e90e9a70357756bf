package io.crossdistill.mapper.internal;

import io.crossdistill.mapper.FeatureMappingSpec;
import io.crossdistill.mapper.Literal;
import io.crossdistill.mapper.MissingPolicy;
import io.crossdistill.mapper.Rule;
import io.crossdistill.mapper.Source;
import io.crossdistill.mapper.Transform;
import io.crossdistill.v1.BucketizeTransform;
import io.crossdistill.v1.CastTarget;
import io.crossdistill.v1.CastTransform;
import io.crossdistill.v1.ClipTransform;
import io.crossdistill.v1.ConstantSource;
import io.crossdistill.v1.DefaultSource;
import io.crossdistill.v1.FieldSource;
import io.crossdistill.v1.HashTransform;
import io.crossdistill.v1.IdentityTransform;
import io.crossdistill.v1.Log1pTransform;
import io.crossdistill.v1.LookupTransform;
import io.crossdistill.v1.MappingRule;
import io.crossdistill.v1.StandardizeTransform;
import io.crossdistill.v1.VectorTransform;
import io.crossdistill.v1.VocabularyTransform;
import io.crossdistill.v1.WeightedSumTransform;
import io.crossdistill.v1.WeightedTerm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts between the spec model and its Avro record {@code io.crossdistill.v1.FeatureMappingSpec}. */
public final class SpecAvroConverter {

  private SpecAvroConverter() {
  }

  public static io.crossdistill.v1.FeatureMappingSpec toAvro(FeatureMappingSpec spec) {
    List<MappingRule> rules = new ArrayList<>();
    for (Rule rule : spec.rules()) {
      List<Object> transforms = new ArrayList<>();
      rule.transforms().forEach(t -> transforms.add(toAvro(t)));
      rules.add(MappingRule.newBuilder()
          .setInput(rule.input())
          .setSource(toAvro(rule.source()))
          .setTransforms(transforms)
          .setOnMissing(io.crossdistill.v1.MissingPolicy.valueOf(rule.onMissing().name()))
          .build());
    }
    return io.crossdistill.v1.FeatureMappingSpec.newBuilder()
        .setName(spec.name())
        .setVersion(spec.version())
        .setTargetSchema(spec.targetSchema())
        .setTeacherId(spec.teacher().id())
        .setTeacherContentHash(spec.teacher().contentHash())
        .setRecordIdField(spec.recordIdField())
        .setRules(rules)
        .build();
  }

  public static FeatureMappingSpec fromAvro(io.crossdistill.v1.FeatureMappingSpec avro) {
    List<Rule> rules = new ArrayList<>();
    for (MappingRule rule : avro.getRules()) {
      List<Transform> transforms = new ArrayList<>();
      rule.getTransforms().forEach(t -> transforms.add(fromAvro(t)));
      rules.add(new Rule(rule.getInput(), source(rule.getSource()), transforms,
          MissingPolicy.valueOf(rule.getOnMissing().name())));
    }
    return new FeatureMappingSpec(avro.getName(), avro.getVersion(), avro.getTargetSchema(),
        new FeatureMappingSpec.TeacherRef(avro.getTeacherId(), avro.getTeacherContentHash()),
        avro.getRecordIdField(), rules);
  }

  private static Object toAvro(Source source) {
    if (source instanceof Source.Field f) {
      return new FieldSource(f.path());
    } else if (source instanceof Source.Constant c) {
      Literal v = c.value();
      Object value = v instanceof Literal.Number n ? (Object) n.value()
          : v instanceof Literal.Id id ? (Object) id.value()
          : v instanceof Literal.Text t ? t.value() : ((Literal.Vector) v).values();
      return new ConstantSource(value);
    }
    return new DefaultSource();
  }

  private static Source source(Object avro) {
    if (avro instanceof FieldSource f) {
      return new Source.Field(f.getPath());
    } else if (avro instanceof ConstantSource c) {
      Object v = c.getValue();
      if (v instanceof Double d) {
        return new Source.Constant(new Literal.Number(d));
      } else if (v instanceof Long l) {
        return new Source.Constant(new Literal.Id(l));
      } else if (v instanceof CharSequence s) {
        return new Source.Constant(new Literal.Text(s.toString()));
      }
      List<Float> values = new ArrayList<>();
      for (Object x : (List<?>) v) {
        values.add(((Number) x).floatValue());
      }
      return new Source.Constant(new Literal.Vector(values));
    }
    return new Source.Default();
  }

  private static Object toAvro(Transform t) {
    if (t instanceof Transform.Cast c) {
      return new CastTransform(CastTarget.valueOf(c.to().name()));
    } else if (t instanceof Transform.Log1p) {
      return new Log1pTransform();
    } else if (t instanceof Transform.Standardize s) {
      return new StandardizeTransform(s.mean(), s.std());
    } else if (t instanceof Transform.Clip c) {
      return new ClipTransform(c.min(), c.max());
    } else if (t instanceof Transform.Bucketize b) {
      return new BucketizeTransform(b.boundaries());
    } else if (t instanceof Transform.Vocabulary v) {
      return new VocabularyTransform(v.values(), v.oovId());
    } else if (t instanceof Transform.Hash h) {
      return new HashTransform(h.buckets());
    } else if (t instanceof Transform.Lookup l) {
      return new LookupTransform(new ArrayList<>(l.table().keySet()), new ArrayList<>(l.table().values()), l.otherwise());
    } else if (t instanceof Transform.Vector v) {
      return new VectorTransform(v.dimension());
    } else if (t instanceof Transform.WeightedSum w) {
      List<WeightedTerm> terms = new ArrayList<>();
      w.terms().forEach(term -> terms.add(new WeightedTerm(term.path(), term.weight())));
      return new WeightedSumTransform(w.selfWeight(), terms);
    }
    return new IdentityTransform();
  }

  private static Transform fromAvro(Object t) {
    if (t instanceof CastTransform c) {
      return new Transform.Cast(Transform.CastTarget.valueOf(c.getTo().name()));
    } else if (t instanceof Log1pTransform) {
      return new Transform.Log1p();
    } else if (t instanceof StandardizeTransform s) {
      return new Transform.Standardize(s.getMean(), s.getStd());
    } else if (t instanceof ClipTransform c) {
      return new Transform.Clip(c.getMin(), c.getMax());
    } else if (t instanceof BucketizeTransform b) {
      return new Transform.Bucketize(b.getBoundaries());
    } else if (t instanceof VocabularyTransform v) {
      return new Transform.Vocabulary(v.getValues(), v.getOovId());
    } else if (t instanceof HashTransform h) {
      return new Transform.Hash(h.getBuckets());
    } else if (t instanceof LookupTransform l) {
      Map<String, Long> table = new LinkedHashMap<>();
      for (int i = 0; i < l.getKeys().size(); i++) {
        table.put(l.getKeys().get(i), l.getIds().get(i));
      }
      return new Transform.Lookup(table, l.getOtherwise());
    } else if (t instanceof VectorTransform v) {
      return new Transform.Vector(v.getDimension());
    } else if (t instanceof WeightedSumTransform w) {
      List<Transform.Term> terms = new ArrayList<>();
      w.getTerms().forEach(term -> terms.add(new Transform.Term(term.getPath(), term.getWeight())));
      return new Transform.WeightedSum(w.getSelfWeight(), terms);
    }
    return new Transform.Identity();
  }
}
