package io.crossdistill.teacher.kafka;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The service with its registry on a Kafka topic of an in-process broker. */
public class KafkaRegistryProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("crossdistill.registry.kind", "kafka", "crossdistill.registry.kafka.topic", "service-registry");
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(KafkaBrokerResource.class));
  }
}
