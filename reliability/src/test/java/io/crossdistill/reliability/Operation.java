package io.crossdistill.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One operation of the service's OpenAPI document: method, path template ({@code /api/v1/schemas/{name}}),
 * its path and query parameters and the content types its body may have (none: it takes no body).
 */
record Operation(String method, String template, List<String> pathParams, List<String> queryParams,
    List<String> consumes) {

  /** Every operation under {@code /api/} in an OpenAPI 3 document. */
  static List<Operation> fromOpenApi(JsonNode document) {
    List<Operation> operations = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
      if (!path.getKey().startsWith("/api/")) {
        continue;
      }
      for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
        List<String> pathParams = new ArrayList<>();
        List<String> queryParams = new ArrayList<>();
        for (JsonNode parameter : entry.getValue().path("parameters")) {
          (parameter.path("in").asText().equals("path") ? pathParams : queryParams).add(parameter.path("name").asText());
        }
        List<String> consumes = new ArrayList<>();
        entry.getValue().path("requestBody").path("content").fieldNames().forEachRemaining(consumes::add);
        operations.add(new Operation(entry.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(),
            List.copyOf(pathParams), List.copyOf(queryParams), List.copyOf(consumes)));
      }
    }
    return List.copyOf(operations);
  }

  boolean takesJson() {
    return consumes.contains("application/json");
  }

  /** The path with its parameters filled in (values already percent-encoded where needed). */
  String path(Map<String, String> values) {
    String path = template;
    for (String parameter : pathParams) {
      path = path.replace("{" + parameter + "}", values.get(parameter));
    }
    return path;
  }

  @Override
  public String toString() {
    return method + " " + template;
  }
}
