package io.crossdistill.teacher.rest;

import io.crossdistill.teacher.registry.Registration;
import io.crossdistill.teacher.registry.ResourceKind;
import io.crossdistill.teacher.registry.Version;
import io.crossdistill.teacher.service.SchemaService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Target schemas: Avro record schemas per team, versioned, each version backward compatible with the last. */
@Path("/api/v1/schemas")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "schemas")
public class SchemaResource extends VersionedResource {

  @Inject
  SchemaService schemas;

  @Override
  ResourceKind kind() {
    return ResourceKind.SCHEMA;
  }

  /** A schema version shows how it differs from the version before it. */
  @Override
  VersionView view(Version v) {
    return super.view(v).withCompatibility(schemas.compatibility(v));
  }

  @Override
  VersionView summary(Version v) {
    return super.summary(v).withCompatibility(schemas.compatibility(v));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Register an Avro record schema (its full name is its name); 201 for a new version, 200 when identical")
  public Response register(String schemaJson) {
    Registration registration = schemas.register(schemaJson, caller.team());
    return Created.answer(registration, view(registration.version()));
  }
}
