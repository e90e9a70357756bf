package io.crossdistill.teacher.kafka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.crossdistill.teacher.registry.KafkaRegistryLog;
import io.crossdistill.teacher.registry.ResourceKind;
import io.crossdistill.teacher.registry.Version;
import io.crossdistill.teacher.registry.VersionedRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The service configured with {@code crossdistill.registry.kind=kafka}: what it registers over HTTP is
 * on the topic, where another instance (here a second registry on the same topic) reads it.
 */
@QuarkusTest
@TestProfile(KafkaRegistryProfile.class)
class KafkaRegistryServiceTest {

  private static final String SCHEMA = """
      {"type": "record", "name": "Play", "namespace": "com.podcast", "fields": [{"name": "id", "type": "string"}]}""";
  private static final String SCHEMA_V2 = """
      {"type": "record", "name": "Play", "namespace": "com.podcast", "fields": [{"name": "id", "type": "string"},
       {"name": "seconds", "type": "double", "default": 0.0}]}""";

  @Test
  void registrations_goToTheTopic_andAnotherInstanceReadsThem() {
    given().header("X-Api-Key", "podcast-secret-key").contentType(ContentType.JSON).body(SCHEMA)
        .post("/api/v1/schemas").then().statusCode(201).body("version", equalTo(1));
    given().header("X-Api-Key", "podcast-secret-key").contentType(ContentType.JSON).body(SCHEMA_V2)
        .post("/api/v1/schemas").then().statusCode(201).body("version", equalTo(2));
    given().header("X-Api-Key", "podcast-secret-key").contentType(ContentType.JSON).body(SCHEMA)
        .post("/api/v1/schemas").then().statusCode(200).body("version", equalTo(1));
    String bootstrap = System.getProperty(KafkaBrokerResource.BOOTSTRAP_PROPERTY);
    try (VersionedRegistry other = new VersionedRegistry(
        new KafkaRegistryLog(bootstrap, "service-registry", (short) 1, Duration.ofSeconds(30)), Clock.systemUTC()).open()) {
      assertThat(other.versions(ResourceKind.SCHEMA, "com.podcast.Play")).extracting(Version::version).containsExactly(1, 2);
      assertThat(other.owner(ResourceKind.SCHEMA, "com.podcast.Play")).contains("podcast");
    }
    given().header("X-Api-Key", "podcast-secret-key").get("/api/v1/schemas/com.podcast.Play")
        .then().statusCode(200).body("version", equalTo(2));
  }
}
