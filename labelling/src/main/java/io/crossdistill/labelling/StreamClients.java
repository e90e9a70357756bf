package io.crossdistill.labelling;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka client settings of a {@link LabelStream}: tuning defaults first, then the caller's
 * properties ({@code consumer.}/{@code producer.} prefixed ones for one client only), then what the
 * stream's guarantees need, which nothing overrides.
 */
final class StreamClients {

  private StreamClients() {
  }

  static Properties consumer(LabelStream.Settings settings) {
    Properties p = new Properties();
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(settings.maxPollRecords()));
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "crossdistill-stream-" + settings.instanceId());
    own(p, settings.clientProperties(), "consumer.", "producer.");
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return p;
  }

  static Properties producer(LabelStream.Settings settings) {
    Properties p = new Properties();
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "crossdistill-stream-" + settings.instanceId());
    own(p, settings.clientProperties(), "producer.", "consumer.");
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId());
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return p;
  }

  /**
   * The consumer's share of client properties written as the stream's are ({@code consumer.*} for the
   * consumer alone, {@code producer.*} for the producer alone, the rest for both).
   */
  static Properties consumerOnly(Map<String, String> properties) {
    Properties p = new Properties();
    own(p, properties, "consumer.", "producer.");
    return p;
  }

  /** The caller's properties for one client: its prefixed ones unprefixed, the unprefixed ones, not the other's. */
  private static void own(Properties into, Map<String, String> properties, String mine, String theirs) {
    properties.forEach((key, value) -> {
      if (key.startsWith(mine)) {
        into.put(key.substring(mine.length()), value);
      } else if (!key.startsWith(theirs)) {
        into.put(key, value);
      }
    });
  }
}
