package io.crossdistill.teacher.rest;

import io.crossdistill.teacher.reports.Report;
import io.crossdistill.teacher.reports.ReportService;
import io.crossdistill.teacher.security.Caller;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Student reports: the published {@code student compare} (and {@code demo --data}) runs the calling team may read. */
@Path("/api/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reports")
public class ReportResource {

  /** What {@code report.html} answers with. */
  static final String HTML = "text/html; charset=utf-8";
  /**
   * The report is a self-contained page (inline styles, images as data URIs, no scripts): opened on its own
   * it may load nothing and run nothing, whatever a published file holds.
   */
  static final String HTML_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
      + "base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox";

  @Inject
  ReportService reports;

  @Inject
  Caller caller;

  @GET
  @Operation(summary = "The calling team's student reports (operators: every team's), newest first; "
      + "?labelSet=<id> keeps those whose students read that label set")
  public List<Report> list(@QueryParam("labelSet") String labelSet) {
    return reports.list(caller.team(), caller.operator(), Optional.ofNullable(labelSet));
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One student report (<team>~<run>): label sets, students, summary of its metrics, problems")
  public Report get(@PathParam("id") String id) {
    return reports.get(id, caller.team(), caller.operator());
  }

  @GET
  @Path("/{id}/html")
  @Produces(HTML)
  @Operation(summary = "The report.html of a student report, as the run wrote it")
  public RestResponse<byte[]> html(@PathParam("id") String id) {
    return RestResponse.ResponseBuilder.ok(reports.html(id, caller.team(), caller.operator()), HTML)
        .header("Content-Security-Policy", HTML_POLICY)
        .header("X-Content-Type-Options", "nosniff")
        .build();
  }
}
