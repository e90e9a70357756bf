package io.crossdistill.teacher.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.crossdistill.mapper.CoverageReport;
import io.crossdistill.teacher.errors.ApiException;
import io.crossdistill.teacher.errors.ProblemItem;
import io.crossdistill.teacher.labels.LabelService;
import io.crossdistill.labelling.TargetRecords;
import io.crossdistill.teacher.registry.ResourceKind;
import io.crossdistill.teacher.registry.Version;
import io.crossdistill.teacher.registry.VersionedRegistry;
import io.crossdistill.teacher.security.Caller;
import io.crossdistill.teacher.service.MappingService;
import io.crossdistill.teacher.service.SpecVersions;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Feature mappings: versioned, immutable specs from a team's target schema to a teacher's inputs. */
@Path("/api/v1/mappings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "mappings")
public class MappingResource {

  @Inject
  MappingService mappings;

  @Inject
  LabelService labels;

  @Inject
  VersionedRegistry registry;

  @Inject
  Caller caller;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create the next version of a mapping (200 with the existing version when identical)")
  public Response register(JsonNode spec) {
    MappingService.Registered registered = mappings.register(requireBody(spec), caller.team());
    Version v = registered.registration().version();
    return Created.answer(registered.registration(), VersionView.of(v, Json.tree(v.body()))
        .withWarnings(registered.warnings().stream().map(p -> new ProblemItem(p.pointer(), p.message())).toList()));
  }

  @GET
  @Operation(summary = "Names of the calling team's mappings")
  public List<String> list() {
    return registry.names(ResourceKind.MAPPING, Optional.of(caller.team()));
  }

  @GET
  @Path("/{name}")
  @Operation(summary = "The latest (not deprecated) version of a mapping")
  public VersionView latest(@PathParam("name") String name) {
    return view(SpecVersions.get(registry, ResourceKind.MAPPING, name, Optional.empty(), caller.team()));
  }

  @GET
  @Path("/{name}/versions")
  @Operation(summary = "Every version of a mapping, deprecated ones included")
  public List<VersionView> versions(@PathParam("name") String name) {
    return SpecVersions.all(registry, ResourceKind.MAPPING, name, caller.team()).stream()
        .map(v -> VersionView.of(v, null)).toList();
  }

  @GET
  @Path("/{name}/versions/{version}")
  @Operation(summary = "One version of a mapping")
  public VersionView version(@PathParam("name") String name, @PathParam("version") int version) {
    return view(SpecVersions.get(registry, ResourceKind.MAPPING, name, Optional.of(version), caller.team()));
  }

  @POST
  @Path("/{name}/versions/{version}/deprecate")
  @Operation(summary = "Hide a version from 'latest'; it stays readable and usable by number")
  public VersionView deprecate(@PathParam("name") String name, @PathParam("version") int version) {
    SpecVersions.get(registry, ResourceKind.MAPPING, name, Optional.of(version), caller.team());
    return VersionView.of(registry.deprecate(ResourceKind.MAPPING, name, version, caller.team()), null);
  }

  /** A coverage sample. */
  public record Sample(List<JsonNode> records) {
  }

  @POST
  @Path("/{name}/coverage")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Coverage and drift report of a mapping version (latest, or ?version=N) over a sample of records")
  public CoverageReport coverage(@PathParam("name") String name, @QueryParam("version") Integer version, Sample sample) {
    Version v = SpecVersions.get(registry, ResourceKind.MAPPING, name, Optional.ofNullable(version), caller.team());
    if (sample == null || sample.records() == null || sample.records().isEmpty()) {
      throw ApiException.badRequest("empty sample", List.of(new ProblemItem("/records", "send at least one record")));
    }
    if (sample.records().size() > labels.maxSample()) {
      throw ApiException.badRequest("sample too large", List.of(new ProblemItem("/records",
          sample.records().size() + " records; at most " + labels.maxSample())));
    }
    var schema = labels.targetSchema(v);
    List<ProblemItem> errors = new java.util.ArrayList<>();
    List<GenericRecord> records = new java.util.ArrayList<>();
    for (int i = 0; i < sample.records().size(); i++) {
      TargetRecords.Decoded d = TargetRecords.fromJson(sample.records().get(i), schema);
      TargetRecords.problems("/records/" + i, d).forEach(p -> errors.add(new ProblemItem(p.pointer(), p.message())));
      records.add(d.record());
    }
    if (!errors.isEmpty()) {
      throw ApiException.badRequest(errors.size() + " problem(s) in the sample records", errors);
    }
    return labels.coverage(v, records);
  }

  private VersionView view(Version v) {
    return VersionView.of(v, Json.tree(v.body()));
  }

  static JsonNode requireBody(JsonNode body) {
    if (body == null || body.isNull() || body.isMissingNode()) {
      throw ApiException.badRequest("empty body", List.of(new ProblemItem("", "send the spec as a JSON object")));
    }
    return body;
  }
}
