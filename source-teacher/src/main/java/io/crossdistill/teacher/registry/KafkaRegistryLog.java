package io.crossdistill.teacher.registry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

/**
 * The shared registry log: a single-partition, compacted Kafka topic, as a schema registry keeps its
 * schemas. Every instance reads the topic from the start at open and then follows it, so all instances
 * fold the same records into the same registry; a write returns once this instance has read its own
 * record back (so the caller sees the state the log decided, including a lost race).
 */
public final class KafkaRegistryLog implements RegistryLog {

  private static final Logger LOG = Logger.getLogger(KafkaRegistryLog.class);

  private final String bootstrapServers;
  private final String topic;
  private final short replicationFactor;
  private final Duration timeout;
  private final TopicPartition partition;
  private final Object progress = new Object();
  private long appliedUpTo = -1; // offset of the last applied record, guarded by progress
  private volatile boolean running;
  private volatile RuntimeException failure;
  private KafkaProducer<byte[], byte[]> producer;
  private KafkaConsumer<byte[], byte[]> consumer;
  private Thread follower;

  public KafkaRegistryLog(String bootstrapServers, String topic, short replicationFactor, Duration timeout) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.replicationFactor = replicationFactor;
    this.timeout = timeout;
    this.partition = new TopicPartition(topic, 0);
  }

  @Override
  public void open(Consumer<RegistryEntry> applier) {
    createTopicIfMissing();
    producer = new KafkaProducer<>(producerProperties(), new ByteArraySerializer(), new ByteArraySerializer());
    consumer = new KafkaConsumer<>(consumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
    long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
    CountDownLatch caughtUp = new CountDownLatch(1);
    running = true;
    follower = new Thread(() -> follow(applier, end, caughtUp), "registry-log-" + topic);
    follower.setDaemon(true);
    follower.start();
    try {
      if (!caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        close();
        throw new RegistryStorageException("registry topic " + topic + " could not be read to its end (offset " + end
            + ") within " + timeout.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryStorageException("interrupted while reading registry topic " + topic, e);
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void follow(Consumer<RegistryEntry> applier, long initialEnd, CountDownLatch caughtUp) {
    try {
      if (initialEnd == 0) {
        caughtUp.countDown();
      }
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.value() != null) {
            applier.accept(EntryCodec.decode(record.value()));
          }
          synchronized (progress) {
            appliedUpTo = record.offset();
            progress.notifyAll();
          }
        }
        if (consumer.position(partition) >= initialEnd) {
          caughtUp.countDown();
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.errorf(e, "registry topic %s: follower stopped", topic);
      failure = e instanceof RegistryStorageException r ? r
          : new RegistryStorageException("registry topic " + topic + " cannot be read: " + e.getMessage(), e);
      caughtUp.countDown();
      synchronized (progress) {
        progress.notifyAll();
      }
    } finally {
      consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  @Override
  public void append(RegistryEntry entry) {
    if (failure != null) {
      throw failure;
    }
    byte[] key = entry.key().getBytes(StandardCharsets.UTF_8);
    long offset;
    try {
      RecordMetadata meta = producer.send(new ProducerRecord<>(topic, 0, key, EntryCodec.encode(entry)))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      offset = meta.offset();
    } catch (ExecutionException | TimeoutException e) {
      throw new RegistryStorageException("cannot write " + entry.key() + " to registry topic " + topic, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryStorageException("interrupted writing " + entry.key(), e);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progress) {
      while (appliedUpTo < offset) {
        if (failure != null) {
          throw failure;
        }
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          throw new RegistryStorageException("wrote " + entry.key() + " at offset " + offset + " of " + topic
              + " but did not read it back within " + timeout.toSeconds() + " s");
        }
        try {
          progress.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new RegistryStorageException("interrupted waiting for " + entry.key(), e);
        }
      }
    }
  }

  private void createTopicIfMissing() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    try (Admin admin = Admin.create(props)) {
      Set<String> topics = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (topics.contains(topic)) {
        return;
      }
      NewTopic newTopic = new NewTopic(topic, Optional.of(1), Optional.of(replicationFactor))
          .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
              TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(Math.min(2, (int) replicationFactor))));
      admin.createTopics(List.of(newTopic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      LOG.infof("registry topic %s created (compacted, 1 partition, replication %d)", topic, replicationFactor);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new RegistryStorageException("cannot create registry topic " + topic + " on " + bootstrapServers
            + ": " + e.getCause().getMessage(), e.getCause());
      }
    } catch (TimeoutException e) {
      throw new RegistryStorageException("Kafka at " + bootstrapServers + " did not answer within "
          + timeout.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryStorageException("interrupted creating registry topic " + topic, e);
    }
  }

  private Properties producerProperties() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "crossdistill-registry-producer");
    return props;
  }

  private Properties consumerProperties() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "crossdistill-registry-follower");
    return props;
  }

  @Override
  public String describe() {
    return "Kafka topic " + topic + " at " + bootstrapServers;
  }

  @Override
  public void close() {
    running = false;
    if (consumer != null) {
      consumer.wakeup();
    }
    if (follower != null) {
      try {
        follower.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      follower = null;
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
  }
}
