package io.crossdistill.teacher.rest;

import io.crossdistill.teacher.registry.Registration;
import jakarta.ws.rs.core.Response;

/** 201 for a version this request made, 200 with the existing version for an identical body. */
final class Created {

  private Created() {
  }

  static Response answer(Registration registration, VersionView view) {
    return Response.status(registration.created() ? 201 : 200).entity(view.withCreated(registration.created())).build();
  }
}
