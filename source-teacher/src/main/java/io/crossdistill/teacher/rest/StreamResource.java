package io.crossdistill.teacher.rest;

import io.crossdistill.teacher.security.Caller;
import io.crossdistill.teacher.stream.StreamService;
import io.crossdistill.teacher.stream.StreamView;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** This instance's Kafka label stream: state, counters, lag. */
@Path("/api/v1/streams")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "streams")
public class StreamResource {

  @Inject
  StreamService streams;

  @Inject
  Caller caller;

  @GET
  @Operation(summary = "The label stream of this instance, if one is configured and belongs to the calling team "
      + "(operators see it always): state, records, labels, dead letters, transactions, lag")
  public List<StreamView> list() {
    return streams.list(caller.team(), caller.operator());
  }
}
