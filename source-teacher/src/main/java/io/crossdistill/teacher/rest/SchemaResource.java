package io.crossdistill.teacher.rest;

import io.crossdistill.teacher.registry.Registration;
import io.crossdistill.teacher.registry.ResourceKind;
import io.crossdistill.teacher.registry.VersionedRegistry;
import io.crossdistill.teacher.security.Caller;
import io.crossdistill.teacher.service.Access;
import io.crossdistill.teacher.service.SchemaService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Target schemas: Avro record schemas per team, versioned, each version backward compatible with the last. */
@Path("/api/v1/schemas")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "schemas")
public class SchemaResource {

  @Inject
  SchemaService schemas;

  @Inject
  VersionedRegistry registry;

  @Inject
  Caller caller;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Register an Avro record schema (its full name is its name); 201 for a new version, 200 when identical")
  public Response register(String schemaJson) {
    Registration registration = schemas.register(schemaJson, caller.team());
    return Created.answer(registration, VersionView.of(registration.version(), Json.tree(registration.version().body())));
  }

  @GET
  @Operation(summary = "Names of the calling team's schemas")
  public List<String> list() {
    return registry.names(ResourceKind.SCHEMA, Optional.of(caller.team()));
  }

  @GET
  @Path("/{name}")
  @Operation(summary = "The latest version of a schema")
  public VersionView latest(@PathParam("name") String name) {
    return view(schemas.version(name, Optional.empty()));
  }

  @GET
  @Path("/{name}/versions")
  @Operation(summary = "Every version of a schema")
  public List<VersionView> versions(@PathParam("name") String name) {
    List<io.crossdistill.teacher.registry.Version> versions = registry.versions(ResourceKind.SCHEMA, name);
    if (versions.isEmpty()) {
      throw io.crossdistill.teacher.errors.ApiException.notFound("no schema named '" + name + "'");
    }
    return versions.stream()
        .map(v -> VersionView.of(Access.own(v, caller.team()), null)).toList();
  }

  @GET
  @Path("/{name}/versions/{version}")
  @Operation(summary = "One version of a schema")
  public VersionView version(@PathParam("name") String name, @PathParam("version") int version) {
    return view(schemas.version(name, Optional.of(version)));
  }

  private VersionView view(io.crossdistill.teacher.registry.Version v) {
    return VersionView.of(Access.own(v, caller.team()), Json.tree(v.body()));
  }
}
