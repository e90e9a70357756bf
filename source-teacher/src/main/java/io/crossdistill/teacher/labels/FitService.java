package io.crossdistill.teacher.labels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crossdistill.aligner.FitReport;
import io.crossdistill.labelling.Labeller;
import io.crossdistill.labelling.TargetRecords;
import io.crossdistill.schemas.Problem;
import io.crossdistill.teacher.registry.ResourceKind;
import io.crossdistill.teacher.registry.Version;
import io.crossdistill.teacher.service.AlignmentService;
import io.crossdistill.teacher.service.Invalid;
import io.crossdistill.teacher.service.TeamAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Fits an alignment on a labelled sample: resolves the alignment version and the mapping with the team's
 * access, decodes every sample record with the mapping's target schema (all problems at once), scores the
 * sample with the serving teacher and registers the fitted spec, with its fit report, as a new version.
 */
@ApplicationScoped
public class FitService {

  private final TeamAccess access;
  private final LabelService labels;
  private final AlignmentService alignments;
  private final ObjectMapper json;

  @Inject
  public FitService(TeamAccess access, LabelService labels, AlignmentService alignments, ObjectMapper json) {
    this.access = access;
    this.labels = labels;
    this.alignments = alignments;
    this.json = json;
  }

  /** Fits alignment {@code name} for {@code team}; the fitted registration and its report. */
  public AlignmentService.Fitted fit(String name, FitRequest request, String team) {
    labels.requireSampleSize("/sample", request == null ? null : request.sample(), "send labelled records");
    Version alignment = access.get(ResourceKind.ALIGNMENT, name, Optional.ofNullable(request.version()), team);
    Version mapping = access.ref(ResourceKind.MAPPING, request.mapping(), "/mapping", team);
    Schema schema = labels.targetSchema(mapping);
    List<Problem> errors = new ArrayList<>();
    List<GenericRecord> records = new ArrayList<>();
    List<JsonNode> trueLabels = new ArrayList<>();
    for (int i = 0; i < request.sample().size(); i++) {
      FitRequest.LabelledRecord item = request.sample().get(i);
      if (item == null || item.record() == null || item.labels() == null || !item.labels().isObject()) {
        errors.add(new Problem("/sample/" + i, "write {\"record\": {...}, \"labels\": {\"task\": value}}"));
        records.add(null);
        trueLabels.add(null);
        continue;
      }
      TargetRecords.Decoded decoded = TargetRecords.fromJson(item.record(), schema);
      errors.addAll(TargetRecords.problems("/sample/" + i + "/record", decoded));
      records.add(decoded.record());
      trueLabels.add(item.labels());
    }
    if (!errors.isEmpty()) {
      throw new Invalid(errors.size() + " problem(s) in the sample", errors);
    }
    LabelService.ScoredSample sample = labels.scoreSample(mapping, records);
    Labeller.Scores scored = sample.scored();
    return alignments.fit(alignment, sample.teacher(), scored.outputs(), scored.rows(),
        LabelService.labelColumns(trueLabels, scored.inputIndex()), this::write);
  }

  private String write(FitReport report) {
    try {
      return json.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a fit report always serializes", e);
    }
  }
}
