package io.crossdistill.teacher.registry;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka (KRaft, broker + controller in one process) on loopback, in a temporary
 * directory: no Docker, ready in about two seconds. It can be shut down and restarted on the same log
 * directory and ports (a broker restart under running clients). For tests only.
 */
public final class InProcessKafka implements AutoCloseable {

  private final KafkaConfig config;
  private final String bootstrapServers;
  private KafkaRaftServer server;

  private InProcessKafka(KafkaConfig config, KafkaRaftServer server, String bootstrapServers) {
    this.config = config;
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  public static InProcessKafka start() throws Exception {
    Path logDir = Files.createTempDirectory("crossdistill-kafka");
    int brokerPort = freePort();
    int controllerPort = freePort();
    Map<String, Object> props = new HashMap<>();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("log.dirs", logDir.toString());
    props.put("offsets.topic.replication.factor", "1");
    // one partition each instead of 50: the internal topics are made on first use, inside a test's time
    props.put("offsets.topic.num.partitions", "1");
    props.put("transaction.state.log.num.partitions", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("num.partitions", "1");
    props.put("auto.create.topics.enable", "false");
    KafkaConfig config = new KafkaConfig(props, false);
    new Formatter()
        .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
        .setNodeId(1)
        .setClusterId(Uuid.randomUuid().toString())
        .setDirectories(List.of(logDir.toString()))
        .setMetadataLogDirectory(logDir.toString())
        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
        .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
        .setControllerListenerName("CONTROLLER")
        .run();
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup();
    return new InProcessKafka(config, server, "127.0.0.1:" + brokerPort);
  }

  /** Stops the broker, keeping its log directory; {@link #restart} brings it back. */
  public synchronized void shutdown() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
    }
  }

  /** Starts the broker again (stopping it first if it runs) on the same log directory and ports. */
  public synchronized void restart() {
    shutdown();
    KafkaRaftServer restarted = new KafkaRaftServer(config, Time.SYSTEM);
    restarted.startup();
    server = restarted;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    shutdown();
  }
}
