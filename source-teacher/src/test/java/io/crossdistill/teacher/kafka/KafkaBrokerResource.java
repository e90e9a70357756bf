package io.crossdistill.teacher.kafka;

import io.crossdistill.teacher.registry.InProcessKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.util.Map;

/**
 * Starts a real single-node Kafka for the service under test and points the registry and the label
 * stream at it (each is used only where a profile switches it on).
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

  /** System property with the broker's bootstrap servers, for the test code. */
  public static final String BOOTSTRAP_PROPERTY = "crossdistill-test.kafka";

  private InProcessKafka kafka;

  @Override
  public Map<String, String> start() {
    try {
      kafka = InProcessKafka.start();
      System.setProperty(BOOTSTRAP_PROPERTY, kafka.bootstrapServers());
      return Map.of("crossdistill.registry.kafka.bootstrap-servers", kafka.bootstrapServers(),
          "crossdistill.stream.bootstrap-servers", kafka.bootstrapServers(),
          "crossdistill.data-dir", Files.createTempDirectory("crossdistill-kafka-service").toString());
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the in-process Kafka broker", e);
    }
  }

  @Override
  public void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }
}
