package io.crossdistill.mapper.internal;

import io.crossdistill.mapper.FeatureMappingSpec;
import io.crossdistill.mapper.Source;
import io.crossdistill.mapper.Transform;
import io.crossdistill.schemas.TeacherInputLayout;
import io.crossdistill.v1.TeacherInput;
import io.crossdistill.v1.TeacherSignature;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/** Builds a {@link MappingProgram} from the plans of a spec that validated without errors. */
public final class SpecCompiler {

  private SpecCompiler() {
  }

  /** Compiles; {@code validated} must have no errors. */
  public static MappingProgram compile(FeatureMappingSpec spec, TeacherSignature signature, Schema targetSchema,
      SpecValidator validated) {
    if (!validated.result().isValid()) {
      throw new IllegalArgumentException("compile needs a valid spec");
    }
    TeacherInputLayout layout = TeacherInputLayout.of(signature);
    List<TeacherInput> inputs = signature.getInputs();
    RuleProgram[] rules = new RuleProgram[inputs.size()];
    int defaulted = 0;
    for (int i = 0; i < rules.length; i++) {
      TeacherInput input = inputs.get(i);
      SpecValidator.RulePlan plan = validated.plans().get(input.getName());
      Slot slot = Slot.of(input.getType(), layout.inputs().get(i), layout, input.getCardinality());
      Slot.Fixed fallback = FixedValues.fixed(plan.fallback(), slot);
      Source source = plan.rule().source();
      if (source instanceof Source.Field) {
        rules[i] = new RuleProgram.FieldRule(input.getName(), plan.path(), plan.kinds().get(0),
            steps(plan, targetSchema), plan.kinds().get(plan.kinds().size() - 1), plan.rule().onMissing(), fallback);
      } else {
        boolean isDefault = source instanceof Source.Default;
        defaulted += isDefault ? 1 : 0;
        rules[i] = new RuleProgram.FixedRule(input.getName(), fallback, isDefault);
      }
    }
    TargetPath recordId = spec.recordIdField().isEmpty() ? null
        : TargetPath.resolve(targetSchema, spec.recordIdField()).path();
    double fraction = rules.length == 0 ? 0.0 : (double) defaulted / rules.length;
    return new MappingProgram(targetSchema, layout, rules, recordId, fraction);
  }

  private static Step[] steps(SpecValidator.RulePlan plan, Schema schema) {
    List<Step> steps = new ArrayList<>();
    String path = plan.path().path();
    List<Transform> transforms = plan.rule().transforms();
    for (int j = 0; j < transforms.size(); j++) {
      add(steps, transforms.get(j), plan.kinds().get(j), path, schema);
    }
    return steps.toArray(new Step[0]);
  }

  private static void add(List<Step> steps, Transform t, ValueKind in, String path, Schema schema) {
    if (t instanceof Transform.Cast c) {
      if (c.to() == Transform.CastTarget.FLOAT && in != ValueKind.FLOAT) {
        steps.add(in == ValueKind.LONG ? new NumberSteps.LongToFloat(path) : new NumberSteps.ParseFloat(path));
      } else if (c.to() == Transform.CastTarget.LONG && in != ValueKind.LONG) {
        steps.add(in == ValueKind.FLOAT ? new NumberSteps.FloatToLong(path) : new NumberSteps.ParseLong(path));
      }
    } else if (t instanceof Transform.Clip c && in == ValueKind.LONG) {
      steps.add(new NumberSteps.ClipLong(path, c.min(), c.max()));
    } else if (t instanceof Transform.Vocabulary v) {
      long[] ids = new long[v.values().size()];
      for (int k = 0; k < ids.length; k++) {
        ids[k] = k;
      }
      steps.add(keys(path, v.values(), ids, v.oovId(), in));
    } else if (t instanceof Transform.Lookup l) {
      List<String> keys = new ArrayList<>(l.table().keySet());
      long[] ids = l.table().values().stream().mapToLong(Long::longValue).toArray();
      steps.add(keys(path, keys, ids, l.otherwise(), in));
    } else if (t instanceof Transform.Hash h) {
      steps.add(in == ValueKind.LONG ? new IdSteps.HashLong(path, h.buckets()) : new IdSteps.HashString(path, h.buckets()));
    } else if (t instanceof Transform.Vector v) {
      steps.add(new NumberSteps.VectorCheck(path, v.dimension()));
    } else if (!(t instanceof Transform.Identity)) {
      if (in == ValueKind.LONG) {
        steps.add(new NumberSteps.LongToFloat(path));
      }
      steps.add(floatStep(t, path, schema));
    }
  }

  private static Step floatStep(Transform t, String path, Schema schema) {
    if (t instanceof Transform.Log1p) {
      return new NumberSteps.Log1p(path);
    } else if (t instanceof Transform.Standardize s) {
      return new NumberSteps.Standardize(path, s.mean(), s.std());
    } else if (t instanceof Transform.Clip c) {
      return new NumberSteps.ClipFloat(path, c.min(), c.max());
    } else if (t instanceof Transform.Bucketize b) {
      return new IdSteps.Bucketize(path, b.boundaries().stream().mapToDouble(Double::doubleValue).toArray());
    } else if (t instanceof Transform.WeightedSum w) {
      TargetPath[] terms = new TargetPath[w.terms().size()];
      double[] weights = new double[terms.length];
      for (int k = 0; k < terms.length; k++) {
        terms[k] = TargetPath.resolve(schema, w.terms().get(k).path()).path();
        weights[k] = w.terms().get(k).weight();
      }
      return new NumberSteps.WeightedSum(path, w.selfWeight(), terms, weights);
    }
    throw new IllegalStateException("unknown transform " + t);
  }

  private static Step keys(String path, List<String> keys, long[] ids, long otherwise, ValueKind in) {
    if (in == ValueKind.LONG) {
      long[] longKeys = keys.stream().mapToLong(Long::parseLong).toArray();
      return new IdSteps.LongKeys(path, longKeys, ids, otherwise);
    }
    return new IdSteps.StringKeys(path, keys.toArray(new String[0]), ids, otherwise);
  }
}
