package io.crossdistill.labelling;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The consume → label → produce loop of a {@link LabelStream}, on one thread: poll a batch, label it in
 * one transaction with one teacher lease, send the consumed offsets in the transaction, commit. A failed
 * batch is aborted (or, when the producer cannot abort, the producer is replaced: a new producer with the
 * same transactional id completes or aborts whatever the old one left open) and the consumer rewinds to
 * the committed offsets, which a {@code read_committed} consumer reads only once they are stable.
 */
final class StreamLoop {

  private static final System.Logger LOG = System.getLogger(LabelStream.class.getName());
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
  /** Fencings in a row (no commit between) after which another instance surely holds our transactional id. */
  private static final int FENCINGS_TO_FAIL = 3;

  private final LabelStream.Settings settings;
  private final TopicSink sink;
  private final CountDownLatch stopping = new CountDownLatch(1);

  private final AtomicLong records = new AtomicLong();
  private final AtomicLong labels = new AtomicLong();
  private final AtomicLong deadLetters = new AtomicLong();
  private final AtomicLong transactions = new AtomicLong();
  private final AtomicLong aborts = new AtomicLong();
  private final Throughput throughput = new Throughput(System::nanoTime);
  private volatile LabelStream.State state = LabelStream.State.STARTING;
  private volatile long lag = -1;
  private volatile List<Integer> partitions = List.of();
  private volatile String teacherHash;
  private volatile String lastError;
  private volatile boolean running = true;

  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private KafkaProducer<byte[], byte[]> producer;
  private boolean inTransaction;
  private int fencings;
  /** The batch whose commit was attempted and failed: committed or not, the committed offsets say. */
  private LabelStream.Batch pending;
  private Duration backoff = FIRST_BACKOFF;
  /** The poll in hand (its offsets stay after a failure, for the rewind). */
  private final PolledBatch batch = new PolledBatch();

  StreamLoop(LabelStream.Settings settings) {
    this.settings = settings;
    this.sink = new TopicSink(settings);
  }

  String instanceId() {
    return settings.instanceId();
  }

  LabelStream.Stats stats() {
    long l = lag;
    return new LabelStream.Stats(state, settings.instanceId(), settings.transactionalId(), records.get(), labels.get(),
        deadLetters.get(), transactions.get(), aborts.get(), l < 0 ? OptionalLong.empty() : OptionalLong.of(l),
        partitions, Optional.ofNullable(teacherHash), Optional.ofNullable(lastError), throughput.perSecond());
  }

  void stop() {
    running = false;
    stopping.countDown();
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }

  void run() {
    try {
      consumer = new KafkaConsumer<>(StreamClients.consumer(settings));
      if (!running) {
        return;
      }
      openProducer();
      consumer.subscribe(List.of(settings.inputTopic()), new Rebalance());
      while (running) {
        ConsumerRecords<byte[], byte[]> polled;
        try {
          polled = consumer.poll(settings.pollTimeout());
        } catch (WakeupException e) {
          continue;
        } catch (RuntimeException e) {
          if (fatal(e)) {
            throw e;
          }
          note("poll failed", e);
          pause();
          continue;
        }
        updateLag();
        if (polled.isEmpty()) {
          continue;
        }
        try {
          label(polled);
          backoff = FIRST_BACKOFF;
          if (state == LabelStream.State.RECOVERING) {
            state = LabelStream.State.RUNNING;
          }
        } catch (RuntimeException e) {
          if (fatal(e)) {
            throw e;
          }
          recover(e);
        }
      }
    } catch (WakeupException e) {
      // stopping during a blocking call
    } catch (RuntimeException e) {
      if (running) {
        fail(e);
      } else {
        // stopped while the broker was away: the open transaction is the next instance's to settle
        LOG.log(System.Logger.Level.INFO, "label stream " + settings.instanceId() + " stopped during recovery: " + e);
      }
    } catch (Error e) {
      fail(e);
    } finally {
      closeClients();
      if (state != LabelStream.State.FAILED) {
        state = LabelStream.State.STOPPED;
      }
    }
  }

  private void fail(Throwable e) {
    state = LabelStream.State.FAILED;
    lastError = describe(e);
    LOG.log(System.Logger.Level.ERROR, "label stream " + settings.instanceId() + " failed and stops: " + lastError, e);
  }

  /** One polled batch, in one transaction. */
  private void label(ConsumerRecords<byte[], byte[]> polled) {
    pending = null;
    try (ServingTeacher.Lease lease = settings.teacher().get()) {
      Labeller labeller = sink.labeller(lease);
      batch.fill(polled, sink.decoder(labeller.path()));
      RunStamp run = settings.run().withInput(batch.inputHash());
      producer.beginTransaction();
      inTransaction = true;
      sink.start(producer, batch);
      batch.rejectUnreadable(sink);
      labeller.label(batch.records(), lease, run, sink);
      producer.sendOffsetsToTransaction(batch.ends(), consumer.groupMetadata());
      LabelStream.Batch done = new LabelStream.Batch(batch.size(), sink.labels(), sink.deadLetters(),
          lease.contentHash());
      settings.listener().committing(done);
      pending = done;
      commit();
      pending = null;
      count(done);
    } finally {
      batch.clear();
    }
  }

  /** Commits the open transaction; a commit that times out (the broker is away) is retried until it answers. */
  private void commit() {
    while (true) {
      try {
        producer.commitTransaction();
        inTransaction = false;
        return;
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        if (!running) {
          throw e;
        }
        state = LabelStream.State.RECOVERING;
        note("the commit timed out; retrying it", e);
        pause();
      }
    }
  }

  private void count(LabelStream.Batch done) {
    records.addAndGet(done.records());
    throughput.add(done.records());
    labels.addAndGet(done.labels());
    deadLetters.addAndGet(done.deadLetters());
    transactions.incrementAndGet();
    teacherHash = done.teacherHash();
    fencings = 0;
    settings.listener().committed(done);
  }

  /**
   * Aborts the failed batch and rewinds; retries (backing off) until that works or the stream stops. A
   * producer that cannot abort (fenced, or its commit's outcome unknown) is replaced: the new one, with the
   * same transactional id, completes or aborts what the old one left, and the committed offsets then say
   * which it was.
   */
  private void recover(RuntimeException cause) {
    note("a batch failed; aborting its transaction and rewinding to the committed offsets", cause);
    state = LabelStream.State.RECOVERING;
    settings.listener().failed(cause);
    if (cause instanceof ProducerFencedException && ++fencings >= FENCINGS_TO_FAIL) {
      throw cause;
    }
    if (cause instanceof ProducerFencedException) {
      closeProducer(Duration.ZERO);
      inTransaction = false;
    } else if (inTransaction) {
      try {
        producer.abortTransaction();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.DEBUG, "cannot abort, replacing the producer: " + e);
        closeProducer(Duration.ZERO);
      }
      inTransaction = false;
    }
    pause();
    while (running) {
      try {
        if (producer == null) {
          openProducer();
        }
        if (rewind()) {
          count(pending);
        } else {
          aborts.incrementAndGet();
        }
        pending = null;
        return;
      } catch (WakeupException e) {
        return;
      } catch (RuntimeException e) {
        if (fatal(e)) {
          throw e;
        }
        note("recovery failed, retrying", e);
        pause();
      }
    }
  }

  /**
   * Seeks every held partition to its committed offset (or the failed batch's first one if none is).
   *
   * @return true when the failed batch turns out committed after all (its commit's answer was lost)
   */
  private boolean rewind() {
    Set<TopicPartition> asked = new java.util.HashSet<>(consumer.assignment());
    asked.addAll(batch.ends().keySet());
    if (asked.isEmpty()) {
      return false;
    }
    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(asked);
    for (TopicPartition tp : consumer.assignment()) {
      OffsetAndMetadata offset = committed.get(tp);
      if (offset != null) {
        consumer.seek(tp, offset);
      } else if (batch.starts().containsKey(tp)) {
        consumer.seek(tp, batch.starts().get(tp));
      }
    }
    return pending != null && !batch.ends().isEmpty() && batch.ends().entrySet().stream().allMatch(e ->
        committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue().offset());
  }

  private void openProducer() {
    while (running) {
      KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(StreamClients.producer(settings));
      try {
        p.initTransactions();
        producer = p;
        if (state == LabelStream.State.STARTING) {
          state = LabelStream.State.RUNNING;
        }
        return;
      } catch (RuntimeException e) {
        p.close(Duration.ZERO);
        if (fatal(e)) {
          throw e;
        }
        note("cannot initialise the transactional producer " + settings.transactionalId() + ", retrying", e);
        pause();
      }
    }
  }

  private void updateLag() {
    long total = 0;
    for (TopicPartition tp : consumer.assignment()) {
      OptionalLong l = consumer.currentLag(tp);
      if (l.isEmpty()) {
        lag = -1;
        return;
      }
      total += l.getAsLong();
    }
    lag = total;
  }

  /** Waits the current backoff (or until the stream stops), then doubles it. */
  private void pause() {
    try {
      stopping.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
    Duration next = backoff.multipliedBy(2);
    backoff = next.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : next;
  }

  private void note(String what, RuntimeException e) {
    lastError = describe(e);
    LOG.log(System.Logger.Level.WARNING, "label stream " + settings.instanceId() + ": " + what + ": " + lastError);
  }

  /**
   * Errors retrying cannot mend: the cluster refuses us. (A fenced producer is replaced, unless it is
   * fenced {@value #FENCINGS_TO_FAIL} times in a row: then another instance has our transactional id.)
   */
  private static boolean fatal(RuntimeException e) {
    return e instanceof FencedInstanceIdException
        || e instanceof AuthorizationException || e instanceof AuthenticationException
        || e instanceof UnsupportedVersionException;
  }

  private String describe(Throwable e) {
    String message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    if (e instanceof ProducerFencedException) {
      message += " (another instance uses the transactional id " + settings.transactionalId()
          + ": give each instance its own instance id)";
    }
    return message;
  }

  private void closeClients() {
    closeProducer(Duration.ofSeconds(5));
    if (consumer != null) {
      try {
        consumer.close();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "closing the consumer failed: " + e);
      }
      consumer = null;
    }
    partitions = List.of();
  }

  private void closeProducer(Duration timeout) {
    if (producer != null) {
      try {
        producer.close(timeout);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "closing the producer failed: " + e);
      }
      producer = null;
    }
  }

  /** Keeps what a partition assignment means for the counters; nothing is in flight during a rebalance. */
  private final class Rebalance implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
      partitions = held();
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
      partitions = held();
      LOG.log(System.Logger.Level.INFO, "label stream " + settings.instanceId() + " holds partitions " + partitions
          + " of " + settings.inputTopic());
    }

    private List<Integer> held() {
      return consumer.assignment().stream().map(TopicPartition::partition).sorted().toList();
    }
  }
}
