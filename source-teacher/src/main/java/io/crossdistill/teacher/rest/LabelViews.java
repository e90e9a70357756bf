package io.crossdistill.teacher.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.crossdistill.v1.AlignedLabel;
import io.crossdistill.v1.Provenance;
import io.crossdistill.v1.TaskLabel;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** JSON shapes of aligned labels and their provenance (the Avro records, as plain JSON). */
public final class LabelViews {

  private LabelViews() {
  }

  /** One aligned label record. */
  public record LabelView(String exampleId, List<TaskLabelView> labels, ProvenanceView provenance) {
  }

  /** One task's label: value in the given space; {@code serving=false} for auxiliary-only tasks. */
  public record TaskLabelView(String task, float value, String space, boolean serving) {
  }

  /** Where the label came from. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record ProvenanceView(String teacherId, String teacherHash, String mappingName, Integer mappingVersion,
      String alignmentName, Integer alignmentVersion, Map<String, String> hyperParameters, long seed,
      String inputDataHash, String producer) {
  }

  static LabelView of(AlignedLabel label) {
    return new LabelView(label.getExampleId(), label.getLabels().stream().map(LabelViews::of).toList(),
        of(label.getProvenance()));
  }

  static TaskLabelView of(TaskLabel label) {
    return new TaskLabelView(label.getTask(), label.getValue(), label.getSpace().name(), label.getServing());
  }

  static ProvenanceView of(Provenance p) {
    Map<String, String> hyper = new TreeMap<>();
    p.getHyperParameters().forEach((k, v) -> hyper.put(k, v));
    return new ProvenanceView(p.getTeacherId(), p.getTeacherHash(), p.getMappingName(), p.getMappingVersion(),
        p.getAlignmentName(), p.getAlignmentVersion(), hyper, p.getSeed(), p.getInputDataHash(), p.getProducer());
  }
}
