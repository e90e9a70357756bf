package io.crossdistill.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crossdistill.teacher.registry.InProcessKafka;
import io.crossdistill.teacher.stream.Topics;
import java.util.Map;

/**
 * The one service the fuzz, resource-limit and soak tests share (a start costs seconds): small limits the
 * fuzzer goes beyond, {@value #MAX_CONCURRENT} concurrent backfills, and the Kafka label stream on a real
 * in-process KRaft broker. The music team's specs are registered and one backfill has run, so the
 * fuzzer has a job and a label set to name. Stopped when the test JVM exits.
 */
final class SharedService {

  static final MalformedRequests.Limits LIMITS = new MalformedRequests.Limits(64 * 1024, 16, 64);
  static final int MAX_CONCURRENT = 2;
  static final String EXAMPLES = "soak-examples";
  static final String LABELS = "soak-labels";
  static final String DEAD_LETTERS = "soak-dead";

  private static SharedService instance;

  private final InProcessKafka kafka;
  private final ServiceProcess service;
  private final Http http;
  private final JsonNode firstJob;

  private SharedService(InProcessKafka kafka, ServiceProcess service, Http http, JsonNode firstJob) {
    this.kafka = kafka;
    this.service = service;
    this.http = http;
    this.firstJob = firstJob;
  }

  static synchronized SharedService get() {
    if (instance == null) {
      instance = start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        instance.service.close();
        instance.kafka.close();
      }, "shared-service-stop"));
    }
    return instance;
  }

  private static SharedService start() {
    InProcessKafka kafka;
    try {
      kafka = InProcessKafka.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the in-process Kafka broker", e);
    }
    String bootstrap = kafka.bootstrapServers();
    Topics.create(bootstrap, EXAMPLES, 2);
    Topics.create(bootstrap, LABELS, 2);
    Topics.create(bootstrap, DEAD_LETTERS, 1);
    Map<String, String> settings = new java.util.LinkedHashMap<>(Map.ofEntries(
        Map.entry("quarkus.http.limits.max-body-size", "64K"),
        Map.entry("crossdistill.labels.max-batch", Integer.toString(LIMITS.maxBatch())),
        Map.entry("crossdistill.labels.max-sample", Integer.toString(LIMITS.maxSample())),
        Map.entry("crossdistill.backfill.max-concurrent", Integer.toString(MAX_CONCURRENT)),
        Map.entry("crossdistill.stream.enabled", "true"),
        Map.entry("crossdistill.stream.bootstrap-servers", bootstrap),
        Map.entry("crossdistill.stream.input-topic", EXAMPLES),
        Map.entry("crossdistill.stream.output-topic", LABELS),
        Map.entry("crossdistill.stream.dead-letter-topic", DEAD_LETTERS),
        Map.entry("crossdistill.stream.group-id", "reliability"),
        Map.entry("crossdistill.stream.mapping", MusicTeam.MAPPING + "@1"),
        Map.entry("crossdistill.stream.alignment", MusicTeam.ALIGNMENT + "@1"),
        Map.entry("crossdistill.stream.team", Teams.MUSIC.team()),
        Map.entry("crossdistill.stream.instance-id", "reliability-1"),
        Map.entry("crossdistill.stream.max-poll-records", "200")));
    settings.putAll(extraSettings());
    ServiceProcess service = ServiceProcess.start(settings);
    Http http = new Http(service.base());
    MusicTeam.register(http);
    MusicTeam.writeListens(service.inputs().resolve(MusicTeam.LISTENS), 30, 10);
    JsonNode job = Backfills.awaitEnd(http, Backfills.submit(http, MusicTeam.backfillBody(MusicTeam.LISTENS, Map.of())));
    assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
    return new SharedService(kafka, service, http, job);
  }

  /**
   * Further service settings from {@code -Dcrossdistill.reliability.service-settings=key=value,key=value},
   * e.g. to soak with the teacher output cache off.
   */
  private static Map<String, String> extraSettings() {
    Map<String, String> extra = new java.util.LinkedHashMap<>();
    String list = System.getProperty("crossdistill.reliability.service-settings", "");
    for (String setting : list.split(",")) {
      if (!setting.isBlank()) {
        int eq = setting.indexOf('=');
        extra.put(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
      }
    }
    return extra;
  }

  ServiceProcess service() {
    return service;
  }

  Http http() {
    return http;
  }

  String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** The backfill that ran at start (SUCCEEDED) and its label set. */
  JsonNode firstJob() {
    return firstJob;
  }
}
