package io.crossdistill.teacher.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.crossdistill.teacher.ServiceTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The versioned life-cycle endpoints, written once for schemas, mappings and alignments, still publish
 * exactly the operations each resource had: the same paths and methods in the OpenAPI document, with
 * each resource's own tag.
 */
@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
class SpecLifecycleApiTest {

  @Test
  void openapi_listsTheSameLifecycleOperations_forEachKind() {
    JsonPath openapi = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
    Map<String, Map<String, Object>> paths = openapi.getMap("paths");
    Map<String, Set<String>> operations = new TreeMap<>();
    paths.forEach((path, methods) -> {
      for (String kind : new String[] {"schemas", "mappings", "alignments"}) {
        if (path.startsWith("/api/v1/" + kind)) {
          operations.put(path, new TreeSet<>(methods.keySet()));
        }
      }
    });
    assertThat(operations).isEqualTo(Map.ofEntries(
        Map.entry("/api/v1/schemas", Set.of("get", "post")),
        Map.entry("/api/v1/schemas/{name}", Set.of("get")),
        Map.entry("/api/v1/schemas/{name}/versions", Set.of("get")),
        Map.entry("/api/v1/schemas/{name}/versions/{version}", Set.of("get")),
        Map.entry("/api/v1/mappings", Set.of("get", "post")),
        Map.entry("/api/v1/mappings/{name}", Set.of("get")),
        Map.entry("/api/v1/mappings/{name}/versions", Set.of("get")),
        Map.entry("/api/v1/mappings/{name}/versions/{version}", Set.of("get")),
        Map.entry("/api/v1/mappings/{name}/versions/{version}/deprecate", Set.of("post")),
        Map.entry("/api/v1/mappings/{name}/coverage", Set.of("post")),
        Map.entry("/api/v1/mappings/validation", Set.of("post")),
        Map.entry("/api/v1/alignments", Set.of("get", "post")),
        Map.entry("/api/v1/alignments/{name}", Set.of("get")),
        Map.entry("/api/v1/alignments/{name}/versions", Set.of("get")),
        Map.entry("/api/v1/alignments/{name}/versions/{version}", Set.of("get")),
        Map.entry("/api/v1/alignments/{name}/versions/{version}/deprecate", Set.of("post")),
        Map.entry("/api/v1/alignments/{name}/fit", Set.of("post")),
        Map.entry("/api/v1/alignments/validation", Set.of("post"))));
    assertThat(openapi.getList("paths.'/api/v1/schemas/{name}/versions/{version}'.get.tags", String.class))
        .containsExactly("schemas");
    assertThat(openapi.getList("paths.'/api/v1/alignments/{name}/versions/{version}'.get.tags", String.class))
        .containsExactly("alignments");
    assertThat(openapi.getList("paths.'/api/v1/mappings/validation'.post.tags", String.class))
        .containsExactly("mappings");
  }
}
