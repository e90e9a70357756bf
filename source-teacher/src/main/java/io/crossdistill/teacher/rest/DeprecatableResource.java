package io.crossdistill.teacher.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.crossdistill.teacher.errors.JsonBodies;
import io.crossdistill.teacher.service.SpecValidation;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/**
 * A versioned spec resource whose versions can be deprecated and whose specs can be validated without
 * registering them (mappings, alignments), written once.
 */
public abstract class DeprecatableResource extends VersionedResource {

  @Inject
  JsonBodies bodies;

  /** What registering {@code spec} for {@code team} would answer, by the registration's own checks. */
  abstract SpecValidation validate(JsonNode spec, String team);

  @POST
  @Path("/{name}/versions/{version}/deprecate")
  @Operation(summary = "Hide a version from 'latest'; it stays readable and usable by number")
  public VersionView deprecate(@PathParam("name") String name, @PathParam("version") int version) {
    return VersionView.of(lifecycle.deprecate(kind(), name, version, caller.team()), null);
  }

  @POST
  @Path("/validation")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Validate a spec text without registering it: always 200 with the errors and warnings its "
      + "registration would answer (broken JSON and repeated keys included), its name, the version it would create "
      + "or the identical version it would return")
  public SpecValidation validation(@RequestBody(description = "the spec text, as it would be registered") byte[] text) {
    JsonBodies.Read read = bodies.read(text);
    return read.problem().map(SpecValidation::unreadable).orElseGet(() -> validate(read.tree().orElseThrow(), caller.team()));
  }
}
