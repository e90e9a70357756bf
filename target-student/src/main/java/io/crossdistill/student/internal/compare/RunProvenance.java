package io.crossdistill.student.internal.compare;

import io.crossdistill.datasets.Split;
import io.crossdistill.schemas.ContentHash;
import io.crossdistill.student.CompareOptions.RepresentationKind;
import io.crossdistill.student.StudentRecipe;
import io.crossdistill.student.StudentTrainer;
import io.crossdistill.student.Variant;
import io.crossdistill.v1.Provenance;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The provenance of what a comparison produces, each part stamped by what made it: the teacher,
 * mapping and fitted alignment as the labels carry them (labelling stamped those), then the student's
 * own run — variant, teacher weight, recipe, seed, data hash, epochs.
 */
final class RunProvenance {

  private RunProvenance() {
  }

  static Map<String, String> teacher(Provenance labels) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("teacherId", labels.getTeacherId());
    p.put("teacherHash", labels.getTeacherHash());
    p.put("mapping", labels.getMappingName() + "@" + labels.getMappingVersion());
    p.put("alignment", labels.getAlignmentName() + "@" + labels.getAlignmentVersion());
    p.put("seed", Long.toString(labels.getSeed()));
    p.putAll(labels.getHyperParameters());
    return p;
  }

  static Map<String, String> student(PreparedRun run, StudentTrainer.Trained student, Variant variant, long seed,
      RepresentationKind representation, StudentRecipe recipe) {
    Map<String, String> p = teacher(run.labelProvenance());
    p.put("variant", variant.name());
    p.put("distillation", variant.distillation().name().toLowerCase(Locale.ROOT));
    p.put("teacherSource", variant.source().name().toLowerCase(Locale.ROOT));
    p.put("teacherWeight", Double.toString(variant.teacherWeight()));
    p.put("representations", variant.representations() ? representation.name().toLowerCase(Locale.ROOT)
        : "none");
    p.putAll(recipe.hyperParameters());
    p.put("seed", Long.toString(seed));
    p.put("inputDataHash", ContentHash.ofFile(run.data().path(Split.TARGET_TRAIN)));
    p.put("epochs", Integer.toString(student.report().epochsRun()));
    p.put("bestEpoch", Integer.toString(student.report().bestEpoch()));
    return p;
  }

  /** The student's provenance: its labels' teacher, mapping and alignment, stamped with its own run. */
  static Provenance stamped(Map<String, String> hyper, long seed, PreparedRun run) {
    Map<String, String> all = new java.util.TreeMap<>(run.labelProvenance().getHyperParameters());
    all.putAll(hyper);
    return Provenance.newBuilder(run.labelProvenance())
        .setHyperParameters(all)
        .setSeed(seed)
        .setInputDataHash(ContentHash.ofFile(run.data().path(Split.TARGET_TRAIN)))
        .setProducer("crossdistill student compare")
        .build();
  }
}
