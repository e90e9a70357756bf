package io.crossdistill.teacher.rest;

import io.crossdistill.teacher.kafka.KafkaBrokerResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The service with its label stream on, against an in-process broker, for the music team's specs. */
public class StreamProfile implements QuarkusTestProfile {

  static final String INPUT = "svc-examples";
  static final String OUTPUT = "svc-labels";
  static final String DEAD = "svc-dead";
  static final String MAPPING = "stream-listen";
  static final String ALIGNMENT = "stream-home";

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.ofEntries(
        Map.entry("crossdistill.stream.enabled", "true"),
        Map.entry("crossdistill.stream.input-topic", INPUT),
        Map.entry("crossdistill.stream.output-topic", OUTPUT),
        Map.entry("crossdistill.stream.dead-letter-topic", DEAD),
        Map.entry("crossdistill.stream.group-id", "svc-labeller"),
        Map.entry("crossdistill.stream.mapping", MAPPING + "@1"),
        Map.entry("crossdistill.stream.alignment", ALIGNMENT + "@1"),
        Map.entry("crossdistill.stream.team", "music"),
        Map.entry("crossdistill.stream.instance-id", "svc-1"),
        Map.entry("crossdistill.stream.max-poll-records", "100"),
        Map.entry("crossdistill.stream.kafka.consumer.heartbeat.interval.ms", "300"));
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(KafkaBrokerResource.class));
  }
}
