package io.crossdistill.teacher.rest;

import io.crossdistill.teacher.backfill.BackfillJob;
import io.crossdistill.teacher.backfill.BackfillRequest;
import io.crossdistill.teacher.backfill.BackfillService;
import io.crossdistill.teacher.security.Caller;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Batch label backfills: submit, follow, cancel. */
@Path("/api/v1/backfills")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "backfills")
public class BackfillResource {

  @Inject
  BackfillService backfills;

  @Inject
  Caller caller;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Submit a backfill job: 202 with the queued job; 200 with the job that already makes the same "
      + "label set, or with a job that found it made (SUCCEEDED, reused)")
  public Response submit(BackfillRequest request) {
    BackfillService.Submitted submitted = backfills.submit(request, caller.team());
    return Response.status(submitted.queued() ? 202 : 200).location(URI.create("/api/v1/backfills/"
        + submitted.job().id())).entity(submitted.job()).build();
  }

  @GET
  @Operation(summary = "The calling team's backfill jobs, oldest first")
  public List<BackfillJob> list() {
    return backfills.list(caller.team());
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One backfill job: state, records done and total, rate, ETA, label set")
  public BackfillJob get(@PathParam("id") String id) {
    return backfills.get(id, caller.team());
  }

  @POST
  @Path("/{id}/cancel")
  @Operation(summary = "Cancel a job: a queued one at once, a running one before its next batch (its checkpoint stays)")
  public BackfillJob cancel(@PathParam("id") String id) {
    return backfills.cancel(id, caller.team());
  }
}
