package io.crossdistill.teacher.security;

import io.crossdistill.teacher.errors.ProblemDetails;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Says in the OpenAPI document what {@link ApiKeyFilter} enforces: every operation under {@code /api/} needs a
 * team key, in the {@code X-Api-Key} header or as a bearer token, and answers 401 problem+json without one.
 * With it, Swagger UI's "Authorize" takes a key and clients generated from the document send it. Registered by
 * {@code mp.openapi.filter}.
 */
public class ApiKeyOpenApi implements OASFilter {

  /** The header scheme's name in {@code components.securitySchemes}. */
  public static final String HEADER_SCHEME = "ApiKey";
  /** The bearer scheme's name in {@code components.securitySchemes}. */
  public static final String BEARER_SCHEME = "Bearer";

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getComponents() == null) {
      openAPI.setComponents(OASFactory.createComponents());
    }
    openAPI.getComponents()
        .addSecurityScheme(HEADER_SCHEME, OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY)
            .in(SecurityScheme.In.HEADER).name(ApiKeyFilter.HEADER).description("the calling team's API key"))
        .addSecurityScheme(BEARER_SCHEME, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
            .scheme("bearer").description("the calling team's API key as a bearer token"));
    if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
      return;
    }
    openAPI.getPaths().getPathItems().forEach((path, item) -> {
      if (path.startsWith("/api/") && item.getOperations() != null) {
        item.getOperations().values().forEach(ApiKeyOpenApi::requireKey);
      }
    });
  }

  private static void requireKey(Operation operation) {
    operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(HEADER_SCHEME),
        OASFactory.createSecurityRequirement().addScheme(BEARER_SCHEME)));
    if (operation.getResponses() == null) {
      operation.setResponses(OASFactory.createAPIResponses());
    }
    operation.getResponses().addAPIResponse("401", OASFactory.createAPIResponse()
        .description("no API key, or not one of a configured team")
        .content(OASFactory.createContent().addMediaType(ProblemDetails.MEDIA_TYPE, OASFactory.createMediaType())));
  }
}
