package io.crossdistill.teacher.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.crossdistill.teacher.registry.Registration;
import io.crossdistill.teacher.registry.Version;
import io.crossdistill.teacher.security.Caller;
import io.crossdistill.teacher.service.RegisterTeacher;
import io.crossdistill.teacher.service.TeacherService;
import io.crossdistill.teacher.service.Unavailable;
import io.crossdistill.v1.TeacherSignature;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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

/** Teachers: every team reads them; operators register artifacts by path under the teachers root. */
@Path("/api/v1/teachers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "teachers")
public class TeacherResource {

  @Inject
  TeacherService teachers;

  @Inject
  Caller caller;

  /**
   * A registered teacher version.
   *
   * @param unavailable why the version's artifact cannot be loaded (then inputs is 0 and heads empty)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TeacherView(String id, int version, String contentHash, String path, boolean serving,
      boolean deprecated, int inputs, List<String> heads, String unavailable) {
  }

  @GET
  @Operation(summary = "Every registered teacher version, and which one serves labels")
  public List<TeacherView> list() {
    return teachers.versions().stream().map(this::view).toList();
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "A teacher's signature with training statistics (latest version, or ?version=N)")
  public Object signature(@PathParam("id") String id, @QueryParam("version") Integer version) {
    return SignatureView.of(teachers.signature(teachers.version(id, Optional.ofNullable(version))));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Register a teacher artifact directory under the teachers root (operators only)")
  public Response register(RegisterTeacher request) {
    Registration registration = teachers.register(request, caller.team(), caller.operator());
    return Response.status(registration.created() ? 201 : 200).entity(view(registration.version())).build();
  }

  /** One version; a version whose artifact is gone or damaged is listed with the reason, not hidden. */
  private TeacherView view(Version v) {
    boolean serving = teachers.serving().map(TeacherSignature::getContentHash).filter(v.contentHash()::equals).isPresent();
    try {
      TeacherSignature signature = teachers.signature(v);
      return new TeacherView(v.name(), v.version(), v.contentHash(), TeacherService.pathOf(v), serving, v.deprecated(),
          signature.getInputs().size(), signature.getHeads().stream().map(h -> h.getName()).toList(), null);
    } catch (Unavailable e) {
      return new TeacherView(v.name(), v.version(), v.contentHash(), TeacherService.pathOf(v), serving, v.deprecated(),
          0, List.of(), e.getMessage());
    }
  }
}
