package io.crossdistill.teacher.rest;

import io.crossdistill.teacher.errors.ApiException;
import io.crossdistill.teacher.registry.Registration;
import io.crossdistill.teacher.registry.ResourceKind;
import io.crossdistill.teacher.registry.Version;
import io.crossdistill.teacher.registry.VersionedRegistry;
import io.crossdistill.teacher.security.Caller;
import io.crossdistill.teacher.service.TeacherService;
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
  VersionedRegistry registry;

  @Inject
  Caller caller;

  /** A registered teacher version. */
  public record TeacherView(String id, int version, String contentHash, String path, boolean serving,
      boolean deprecated, int inputs, List<String> heads) {
  }

  /** Registration request. */
  public record RegisterTeacher(String path, boolean serve) {
  }

  @GET
  @Operation(summary = "Every registered teacher version, and which one serves labels")
  public List<TeacherView> list() {
    return registry.names(ResourceKind.TEACHER, Optional.empty()).stream()
        .flatMap(id -> registry.versions(ResourceKind.TEACHER, id).stream())
        .map(this::view).toList();
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "A teacher's signature with training statistics (latest version, or ?version=N)")
  public Object signature(@PathParam("id") String id, @QueryParam("version") Integer version) {
    Version v = version == null
        ? registry.latest(ResourceKind.TEACHER, id).orElseThrow(() -> ApiException.notFound("no teacher '" + id + "'"))
        : registry.get(ResourceKind.TEACHER, id, version).orElseThrow(() -> ApiException.notFound(
            "teacher '" + id + "' has no version " + version));
    return SignatureView.of(teachers.signature(v));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Register a teacher artifact directory under the teachers root (operators only)")
  public Response register(RegisterTeacher request) {
    if (!caller.operator()) {
      throw ApiException.forbidden("only operator teams register teachers");
    }
    if (request == null) {
      throw ApiException.badRequest("empty body", List.of());
    }
    Registration registration = teachers.register(request.path(), caller.team(), request.serve());
    return Response.status(registration.created() ? 201 : 200).entity(view(registration.version())).build();
  }

  private TeacherView view(Version v) {
    var signature = teachers.signature(v);
    boolean serving = teachers.serving().map(TeacherSignature::getContentHash).filter(v.contentHash()::equals).isPresent();
    return new TeacherView(v.name(), v.version(), v.contentHash(), TeacherService.pathOf(v), serving, v.deprecated(),
        signature.getInputs().size(), signature.getHeads().stream().map(h -> h.getName()).toList());
  }
}
