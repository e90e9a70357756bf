package io.crossdistill.teacher.rest;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A versioned spec resource whose versions can be deprecated (mappings, alignments), written once. */
public abstract class DeprecatableResource extends VersionedResource {

  @POST
  @Path("/{name}/versions/{version}/deprecate")
  @Operation(summary = "Hide a version from 'latest'; it stays readable and usable by number")
  public VersionView deprecate(@PathParam("name") String name, @PathParam("version") int version) {
    return VersionView.of(lifecycle.deprecate(kind(), name, version, caller.team()), null);
  }
}
