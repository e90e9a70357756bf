package io.crossdistill.teacher.training;

import io.crossdistill.datasets.FeatureScaling;
import io.crossdistill.datasets.DomainSchema;
import io.crossdistill.datasets.FeatureDef;
import io.crossdistill.datasets.FeatureKind;
import io.crossdistill.mapper.FeatureMappingSpec;
import io.crossdistill.mapper.Rule;
import io.crossdistill.mapper.Transform;
import io.crossdistill.v1.Example;
import io.crossdistill.v1.InputType;
import io.crossdistill.v1.TeacherInput;
import io.crossdistill.v1.TeacherSignature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mappings derived from a {@link DomainSchema}: a name-matching mapping brings another domain's examples
 * into a teacher's inputs. (A model's own feature engineering on its domain is
 * {@code io.crossdistill.labelling.TeacherTraining.sourceMapping}.)
 */
public final class DomainSignatures {

  private DomainSignatures() {
  }

  /**
   * Another domain's examples → the teacher's inputs, by name: a FLOAT input takes the target's
   * same-name FLOAT feature through the teacher's standardisation; an ID input takes the target's
   * same-name ID feature only when both domains share that id vocabulary ({@code sharedIds}, e.g. the
   * same users), or through a lookup table between the two vocabularies; everything else keeps the
   * teacher's default.
   */
  public static FeatureMappingSpec targetMapping(TeacherSignature teacher, DomainSchema target, FeatureScaling teacherScaling,
      Set<String> sharedIds, Map<String, Map<String, Long>> idLookups) {
    List<Rule> rules = new ArrayList<>();
    for (TeacherInput input : teacher.getInputs()) {
      String name = input.getName();
      FeatureDef counterpart = target.feature(name).orElse(null);
      Rule rule = Rule.defaulted(name);
      if (counterpart != null && input.getType() == InputType.FLOAT && counterpart.kind() == FeatureKind.FLOAT
          && teacherScaling.has(name)) {
        rule = Rule.from(name, "/floatFeatures/" + name,
            new Transform.Standardize(teacherScaling.mean(name), teacherScaling.std(name)));
      } else if (counterpart != null && input.getType() == InputType.ID && counterpart.kind() == FeatureKind.ID) {
        if (idLookups.containsKey(name)) {
          rule = Rule.from(name, "/idFeatures/" + name,
              new Transform.Lookup(idLookups.get(name), input.getCardinality() - 1L));
        } else if (sharedIds.contains(name) && counterpart.cardinality() < input.getCardinality()) {
          rule = Rule.from(name, "/idFeatures/" + name);
        }
      }
      rules.add(rule);
    }
    return spec(target.domain() + "-to-" + teacher.getTeacherId(), teacher, rules);
  }

  private static FeatureMappingSpec spec(String name, TeacherSignature signature, List<Rule> rules) {
    return new FeatureMappingSpec(name, 1, Example.getClassSchema().getFullName(),
        new FeatureMappingSpec.TeacherRef(signature.getTeacherId(), signature.getContentHash()),
        FeatureMappingSpec.DEFAULT_RECORD_ID_FIELD, rules);
  }
}
