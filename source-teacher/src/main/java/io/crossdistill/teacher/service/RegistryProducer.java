package io.crossdistill.teacher.service;

import io.crossdistill.teacher.config.ServiceConfig;
import io.crossdistill.teacher.config.ServiceSettings;
import io.crossdistill.teacher.registry.JournalRegistryLog;
import io.crossdistill.teacher.registry.KafkaRegistryLog;
import io.crossdistill.teacher.registry.RegistryLog;
import io.crossdistill.teacher.registry.RegistryStorageException;
import io.crossdistill.teacher.registry.VersionedRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;

/** Builds the registry over the configured log (journal file or Kafka topic) and reads it at start. */
@ApplicationScoped
public class RegistryProducer {

  /** File name of the journal inside the data directory. */
  public static final String JOURNAL_FILE = "registry.journal";

  @Produces
  @Singleton
  @Startup
  VersionedRegistry registry(ServiceSettings settings) {
    ServiceConfig.Registry config = settings.config().registry();
    RegistryLog log;
    if (config.kind() == ServiceConfig.RegistryKind.KAFKA) {
      ServiceConfig.Registry.Kafka kafka = config.kafka();
      log = new KafkaRegistryLog(kafka.bootstrapServers().orElseThrow(), kafka.topic(), kafka.replicationFactor(),
          Duration.ofSeconds(kafka.startupTimeoutSeconds()));
    } else {
      try {
        Files.createDirectories(settings.dataDir());
      } catch (IOException e) {
        throw new RegistryStorageException("cannot create data directory " + settings.dataDir(), e);
      }
      log = new JournalRegistryLog(settings.dataDir().resolve(JOURNAL_FILE));
    }
    return new VersionedRegistry(log, Clock.systemUTC()).open();
  }

  void close(@Disposes VersionedRegistry registry) {
    registry.close();
  }
}
