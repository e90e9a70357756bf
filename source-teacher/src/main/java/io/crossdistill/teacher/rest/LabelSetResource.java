package io.crossdistill.teacher.rest;

import io.crossdistill.labelling.LabelSetManifest;
import io.crossdistill.teacher.backfill.LabelSetService;
import io.crossdistill.teacher.security.Caller;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The label store's complete label sets, as the calling team may read them. */
@Path("/api/v1/label-sets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "label-sets")
public class LabelSetResource {

  @Inject
  LabelSetService labelSets;

  @Inject
  Caller caller;

  @GET
  @Operation(summary = "The calling team's label sets (made from its mappings)")
  public List<LabelSetService.Summary> list() {
    return labelSets.list(caller.team());
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "A label set's manifest: key, provenance, counts, shards and their hashes, coverage, cost, reuse")
  public LabelSetManifest manifest(@PathParam("id") String id) {
    return labelSets.manifest(id, caller.team());
  }
}
