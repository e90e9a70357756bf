package io.crossdistill.teacher.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crossdistill.aligner.FitReport;
import io.crossdistill.teacher.errors.ApiException;
import io.crossdistill.teacher.errors.ProblemItem;
import io.crossdistill.teacher.labels.LabelService;
import io.crossdistill.labelling.Labeller;
import io.crossdistill.labelling.TargetRecords;
import io.crossdistill.teacher.registry.ResourceKind;
import io.crossdistill.teacher.registry.Version;
import io.crossdistill.teacher.registry.VersionedRegistry;
import io.crossdistill.teacher.security.Caller;
import io.crossdistill.teacher.service.AlignmentService;
import io.crossdistill.teacher.service.SpecVersions;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Task alignments: versioned, immutable specs from teacher heads to target tasks, fitted on labelled samples. */
@Path("/api/v1/alignments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "alignments")
public class AlignmentResource {

  @Inject
  AlignmentService alignments;

  @Inject
  LabelService labels;

  @Inject
  VersionedRegistry registry;

  @Inject
  Caller caller;

  @Inject
  ObjectMapper json;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create the next version of an alignment (200 with the existing version when identical)")
  public Response register(JsonNode spec) {
    AlignmentService.Registered registered = alignments.register(MappingResource.requireBody(spec), caller.team());
    Version v = registered.registration().version();
    return Created.answer(registered.registration(), view(v)
        .withWarnings(registered.warnings().stream().map(p -> new ProblemItem(p.pointer(), p.message())).toList()));
  }

  @GET
  @Operation(summary = "Names of the calling team's alignments")
  public List<String> list() {
    return registry.names(ResourceKind.ALIGNMENT, Optional.of(caller.team()));
  }

  @GET
  @Path("/{name}")
  @Operation(summary = "The latest (not deprecated) version of an alignment")
  public VersionView latest(@PathParam("name") String name) {
    return view(SpecVersions.get(registry, ResourceKind.ALIGNMENT, name, Optional.empty(), caller.team()));
  }

  @GET
  @Path("/{name}/versions")
  @Operation(summary = "Every version of an alignment, deprecated ones included")
  public List<VersionView> versions(@PathParam("name") String name) {
    return SpecVersions.all(registry, ResourceKind.ALIGNMENT, name, caller.team()).stream()
        .map(v -> VersionView.of(v, null)).toList();
  }

  @GET
  @Path("/{name}/versions/{version}")
  @Operation(summary = "One version of an alignment (a fitted one carries its fit report)")
  public VersionView version(@PathParam("name") String name, @PathParam("version") int version) {
    return view(SpecVersions.get(registry, ResourceKind.ALIGNMENT, name, Optional.of(version), caller.team()));
  }

  @POST
  @Path("/{name}/versions/{version}/deprecate")
  @Operation(summary = "Hide a version from 'latest'; it stays readable and usable by number")
  public VersionView deprecate(@PathParam("name") String name, @PathParam("version") int version) {
    SpecVersions.get(registry, ResourceKind.ALIGNMENT, name, Optional.of(version), caller.team());
    return VersionView.of(registry.deprecate(ResourceKind.ALIGNMENT, name, version, caller.team()), null);
  }

  /**
   * A fit request: which version to fit (default latest), the mapping that turns the sample's records
   * into teacher inputs, and the labelled sample.
   */
  public record FitRequest(Integer version, String mapping, List<LabelledRecord> sample) {
  }

  /** One labelled target record: the record, and its true label per target task. */
  public record LabelledRecord(JsonNode record, JsonNode labels) {
  }

  @POST
  @Path("/{name}/fit")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Fit an alignment's calibrations on a labelled sample; creates a fitted version with its fit report")
  public Response fit(@PathParam("name") String name, FitRequest request) {
    if (request == null || request.sample() == null || request.sample().isEmpty()) {
      throw ApiException.badRequest("empty sample", List.of(new ProblemItem("/sample", "send labelled records")));
    }
    if (request.sample().size() > labels.maxSample()) {
      throw ApiException.badRequest("sample too large", List.of(new ProblemItem("/sample",
          request.sample().size() + " records; at most " + labels.maxSample())));
    }
    Version alignment = SpecVersions.get(registry, ResourceKind.ALIGNMENT, name, Optional.ofNullable(request.version()),
        caller.team());
    Version mapping = SpecVersions.ref(registry, ResourceKind.MAPPING, request.mapping(), "/mapping", caller.team());
    var schema = labels.targetSchema(mapping);
    List<ProblemItem> errors = new ArrayList<>();
    List<GenericRecord> records = new ArrayList<>();
    List<JsonNode> trueLabels = new ArrayList<>();
    for (int i = 0; i < request.sample().size(); i++) {
      LabelledRecord item = request.sample().get(i);
      if (item == null || item.record() == null || item.labels() == null || !item.labels().isObject()) {
        errors.add(new ProblemItem("/sample/" + i, "write {\"record\": {...}, \"labels\": {\"task\": value}}"));
        records.add(null);
        trueLabels.add(null);
        continue;
      }
      TargetRecords.Decoded decoded = TargetRecords.fromJson(item.record(), schema);
      TargetRecords.problems("/sample/" + i + "/record", decoded).forEach(p -> errors.add(new ProblemItem(p.pointer(), p.message())));
      records.add(decoded.record());
      trueLabels.add(item.labels());
    }
    if (!errors.isEmpty()) {
      throw ApiException.badRequest(errors.size() + " problem(s) in the sample", errors);
    }
    LabelService.ScoredSample sample = labels.scoreSample(mapping, records);
    Labeller.Scores scored = sample.scored();
    AlignmentService.Fitted fitted = alignments.fit(alignment, sample.teacher(), scored.outputs(), scored.rows(),
        LabelService.labelColumns(trueLabels, scored.inputIndex()), this::write);
    Version v = fitted.registration().version();
    return Created.answer(fitted.registration(), view(v).withReport(json.valueToTree(fitted.report())));
  }

  private String write(FitReport report) {
    try {
      return json.writeValueAsString(report);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a fit report always serializes", e);
    }
  }

  private VersionView view(Version v) {
    VersionView view = VersionView.of(v, Json.tree(v.body()));
    String report = v.attributes().get(AlignmentService.FIT_REPORT);
    return report == null ? view : view.withoutAttribute(AlignmentService.FIT_REPORT).withReport(Json.tree(report));
  }
}
