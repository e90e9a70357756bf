package io.crossdistill.teacher.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.crossdistill.mapper.CoverageReport;
import io.crossdistill.schemas.Problem;
import io.crossdistill.teacher.labels.LabelService;
import io.crossdistill.teacher.registry.ResourceKind;
import io.crossdistill.teacher.service.SpecValidation;
import io.crossdistill.teacher.service.MappingService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Feature mappings: versioned, immutable specs from a team's target schema to a teacher's inputs. */
@Path("/api/v1/mappings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "mappings")
public class MappingResource extends DeprecatableResource {

  @Inject
  MappingService mappings;

  @Inject
  LabelService labels;

  @Override
  ResourceKind kind() {
    return ResourceKind.MAPPING;
  }

  @Override
  SpecValidation validate(JsonNode spec, String team) {
    return mappings.validate(spec, team);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create the next version of a mapping (200 with the existing version when identical)")
  public Response register(JsonNode spec) {
    MappingService.Registered registered = mappings.register(spec, caller.team());
    return Created.answer(registered.registration(), view(registered.registration().version())
        .withWarnings(registered.warnings()));
  }

  /** A coverage sample. */
  public record Sample(List<JsonNode> records) {
  }

  @POST
  @Path("/{name}/coverage")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Coverage and drift report of a mapping version (latest, or ?version=N) over a sample of records")
  public CoverageReport coverage(@PathParam("name") String name, @QueryParam("version") Integer version, Sample sample) {
    return labels.coverage(caller.team(), name, Optional.ofNullable(version), sample == null ? null : sample.records());
  }
}
