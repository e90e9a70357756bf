package io.crossdistill.teacher.rest;

import io.crossdistill.teacher.registry.ResourceKind;
import io.crossdistill.teacher.registry.Version;
import io.crossdistill.teacher.security.Caller;
import io.crossdistill.teacher.service.SpecLifecycle;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The read endpoints every versioned spec resource shares, written once: the calling team's names, the
 * latest version, every version, one version. Each resource names its kind and may show a version its own
 * way; creating a version is its own endpoint.
 */
public abstract class VersionedResource {

  @Inject
  SpecLifecycle lifecycle;

  @Inject
  Caller caller;

  /** The kind of spec this resource serves. */
  abstract ResourceKind kind();

  /** A version as this resource shows it: identity, state and the spec itself. */
  VersionView view(Version v) {
    return VersionView.of(v, Json.tree(v.body()));
  }

  /** A version in a list of versions: identity and state, without the spec. */
  VersionView summary(Version v) {
    return VersionView.of(v, null);
  }

  @GET
  @Operation(summary = "Names of the calling team's specs of this kind")
  public List<String> list() {
    return lifecycle.names(kind(), caller.team());
  }

  @GET
  @Path("/{name}")
  @Operation(summary = "The latest (not deprecated) version")
  public VersionView latest(@PathParam("name") String name) {
    return view(lifecycle.latest(kind(), name, caller.team()));
  }

  @GET
  @Path("/{name}/versions")
  @Operation(summary = "Every version, deprecated ones included (without their bodies)")
  public List<VersionView> versions(@PathParam("name") String name) {
    return lifecycle.versions(kind(), name, caller.team()).stream().map(this::summary).toList();
  }

  @GET
  @Path("/{name}/versions/{version}")
  @Operation(summary = "One version by number (a fitted alignment carries its fit report)")
  public VersionView version(@PathParam("name") String name, @PathParam("version") int version) {
    return view(lifecycle.version(kind(), name, version, caller.team()));
  }
}
