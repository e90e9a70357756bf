package io.crossdistill.teacher.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.crossdistill.teacher.labels.LabelRequest;
import io.crossdistill.teacher.labels.LabelService;
import io.crossdistill.teacher.security.Caller;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Online labels for small batches of target records, as JSON or Avro binary. */
@Path("/api/v1/labels")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "labels")
public class LabelResource {

  /** Media type of Avro binary bodies: records of the mapping's target schema, one after another. */
  public static final String AVRO_BINARY = "avro/binary";

  @Inject
  LabelService labels;

  @Inject
  Caller caller;

  /** The answer: labels for the records that could be labelled, and every refused record with its reasons. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record LabelResponse(String teacherId, String teacherHash, String mapping, String alignment, int labelled,
      int refused, int cacheHits, List<LabelViews.LabelView> labels, List<RecordError> errors) {
  }

  /** A refused record: its position in the request, its id and every problem. */
  public record RecordError(int index, String recordId, List<String> errors) {
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Aligned teacher labels for a batch of target records (JSON); mapping and alignment as 'name' or 'name@version'")
  public LabelResponse json(LabelRequest request, @QueryParam("cache") @DefaultValue("true") boolean cache) {
    return answer(labels.labelJson(caller.team(), request, cache));
  }

  @POST
  @Consumes({AVRO_BINARY, "application/avro"})
  @Operation(summary = "Aligned teacher labels for Avro binary records of the mapping's target schema (mapping and alignment as query parameters)")
  public LabelResponse avro(byte[] body, @QueryParam("mapping") String mappingRef,
      @QueryParam("alignment") String alignmentRef, @QueryParam("cache") @DefaultValue("true") boolean cache) {
    return answer(labels.labelAvro(caller.team(), mappingRef, alignmentRef, body, cache));
  }

  private static LabelResponse answer(LabelService.Labelled result) {
    List<RecordError> errors = result.refused().stream()
        .map((LabelService.Refused r) -> new RecordError(r.index(), r.recordId(), r.errors())).toList();
    return new LabelResponse(result.teacherId(), result.teacherHash(), result.mapping(), result.alignment(),
        result.labels().size(), errors.size(), result.cacheHits(),
        result.labels().stream().map(LabelViews::of).toList(), errors);
  }
}
