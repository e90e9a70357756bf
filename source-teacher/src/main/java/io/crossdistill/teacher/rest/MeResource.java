package io.crossdistill.teacher.rest;

import io.crossdistill.teacher.security.Caller;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Who the caller's key signs in as: the console checks a key with it and shows the team. */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "me")
public class MeResource {

  @Inject
  Caller caller;

  /** The team a key belongs to, and whether it is an operator team (it may register teachers). */
  public record Me(String team, boolean operator) {
  }

  @GET
  @Operation(summary = "The calling team and whether it is an operator team")
  public Me me() {
    return new Me(caller.team(), caller.operator());
  }
}
