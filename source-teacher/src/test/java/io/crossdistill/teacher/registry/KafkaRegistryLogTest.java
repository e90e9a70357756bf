package io.crossdistill.teacher.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared registry on a real in-process Kafka broker: several instances, restarts, racing writers. */
class KafkaRegistryLogTest {

  private static InProcessKafka kafka;

  @BeforeAll
  static void startBroker() throws Exception {
    kafka = InProcessKafka.start();
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  private static VersionedRegistry instance(String topic) {
    return new VersionedRegistry(new KafkaRegistryLog(kafka.bootstrapServers(), topic, (short) 1, Duration.ofSeconds(30)),
        Clock.systemUTC()).open();
  }

  private static Registration put(VersionedRegistry registry, String name, String body) {
    return registry.register(ResourceKind.ALIGNMENT, name, "music", "hash-" + body, body, Map.of(), p -> { });
  }

  @Test
  void twoInstances_shareOneRegistry_andARestartReadsItBack() {
    try (VersionedRegistry a = instance("registry-shared"); VersionedRegistry b = instance("registry-shared")) {
      assertThat(put(a, "home", "v1").version().version()).isEqualTo(1);
      await().atMost(Duration.ofSeconds(10)).until(() -> b.get(ResourceKind.ALIGNMENT, "home", 1).isPresent());
      // b sees a's version, so its next registration is version 2, and an identical body is not new
      assertThat(put(b, "home", "v1").created()).isFalse();
      assertThat(put(b, "home", "v2").version().version()).isEqualTo(2);
      b.deprecate(ResourceKind.ALIGNMENT, "home", 2, "music");
      await().atMost(Duration.ofSeconds(10))
          .until(() -> a.get(ResourceKind.ALIGNMENT, "home", 2).map(Version::deprecated).orElse(false));
      assertThat(a.latest(ResourceKind.ALIGNMENT, "home").orElseThrow().body()).isEqualTo("v1");
    }
    try (VersionedRegistry restarted = instance("registry-shared")) {
      assertThat(restarted.versions(ResourceKind.ALIGNMENT, "home")).extracting(Version::body).containsExactly("v1", "v2");
      assertThat(restarted.get(ResourceKind.ALIGNMENT, "home", 2).orElseThrow().deprecated()).isTrue();
    }
  }

  @Test
  void racingInstances_neverGiveOneVersionTwoBodies() throws Exception {
    List<VersionedRegistry> instances = List.of(instance("registry-race"), instance("registry-race"));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<Version>>> results = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        VersionedRegistry registry = instances.get(i);
        int writer = i;
        Callable<List<Version>> work = () -> {
          List<Version> mine = new ArrayList<>();
          for (int k = 0; k < 10; k++) {
            mine.add(put(registry, "raced", "w" + writer + "-" + k).version());
          }
          return mine;
        };
        results.add(pool.submit(work));
      }
      Set<Integer> versions = new HashSet<>();
      for (Future<List<Version>> result : results) {
        for (Version v : result.get()) {
          assertThat(versions.add(v.version())).as("version %d given to two bodies", v.version()).isTrue();
        }
      }
      assertThat(versions).hasSize(20);
      await().atMost(Duration.ofSeconds(10)).until(() -> instances.get(0).versions(ResourceKind.ALIGNMENT, "raced").size() == 20
          && instances.get(1).versions(ResourceKind.ALIGNMENT, "raced").size() == 20);
      assertThat(instances.get(0).versions(ResourceKind.ALIGNMENT, "raced"))
          .isEqualTo(instances.get(1).versions(ResourceKind.ALIGNMENT, "raced"));
    } finally {
      pool.shutdownNow();
      instances.forEach(VersionedRegistry::close);
    }
    try (VersionedRegistry restarted = instance("registry-race")) {
      assertThat(restarted.versions(ResourceKind.ALIGNMENT, "raced")).hasSize(20);
    }
  }
}
