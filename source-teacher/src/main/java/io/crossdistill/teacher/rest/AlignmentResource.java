package io.crossdistill.teacher.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crossdistill.schemas.Problem;
import io.crossdistill.teacher.labels.FitRequest;
import io.crossdistill.teacher.labels.FitService;
import io.crossdistill.teacher.registry.ResourceKind;
import io.crossdistill.teacher.registry.Version;
import io.crossdistill.teacher.service.SpecValidation;
import io.crossdistill.teacher.service.AlignmentService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Task alignments: versioned, immutable specs from teacher heads to target tasks, fitted on labelled samples. */
@Path("/api/v1/alignments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "alignments")
public class AlignmentResource extends DeprecatableResource {

  @Inject
  AlignmentService alignments;

  @Inject
  FitService fits;

  @Inject
  ObjectMapper json;

  @Override
  ResourceKind kind() {
    return ResourceKind.ALIGNMENT;
  }

  @Override
  SpecValidation validate(JsonNode spec, String team) {
    return alignments.validate(spec, team);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create the next version of an alignment (200 with the existing version when identical)")
  public Response register(JsonNode spec) {
    AlignmentService.Registered registered = alignments.register(spec, caller.team());
    return Created.answer(registered.registration(), view(registered.registration().version())
        .withWarnings(registered.warnings()));
  }

  @POST
  @Path("/{name}/fit")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Fit an alignment's calibrations on a labelled sample; creates a fitted version with its fit report")
  public Response fit(@PathParam("name") String name, FitRequest request) {
    AlignmentService.Fitted fitted = fits.fit(name, request, caller.team());
    return Created.answer(fitted.registration(),
        view(fitted.registration().version()).withReport(json.valueToTree(fitted.report())));
  }

  /** A fitted version shows its fit report beside the spec instead of among the attributes. */
  @Override
  VersionView view(Version v) {
    VersionView view = super.view(v);
    String report = v.attributes().get(AlignmentService.FIT_REPORT);
    return report == null ? view : view.withoutAttribute(AlignmentService.FIT_REPORT).withReport(Json.tree(report));
  }
}
