package io.crossdistill.labelling;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A Kafka label stream, <b>exactly-once</b>: it consumes a topic of target examples (Avro binary of the
 * mapping's target schema) with {@code isolation.level=read_committed} in a consumer group, labels each
 * polled batch on the one label path with one teacher lease, and produces the aligned labels (key = the
 * example's key) and dead letters to their topics in a Kafka transaction that also carries the consumed
 * offsets ({@code sendOffsetsToTransaction} with the consumer's group metadata). A batch is in the output
 * exactly when its offsets are committed: a failure aborts the transaction and rewinds to the committed
 * offsets, so readers with {@code read_committed} see every example exactly once, as a label or a dead
 * letter. Instances started with the same group id and distinct instance ids share the input's
 * partitions; each has one transactional producer ({@code <prefix>-<instance id>}), so an instance
 * restarted with its id fences its predecessor. Records on the output topics follow {@link LabelTopics}.
 *
 * <pre>{@code
 * try (LabelStream stream = LabelStream.builder()
 *     .setBootstrapServers("kafka:9092").setInputTopic("music-examples").setOutputTopic("music-labels")
 *     .setDeadLetterTopic("music-labels-dlq").setGroupId("music-labeller").setInstanceId("host-1")
 *     .setTeacher(servingTeacher::lease).setPaths(lease -> pathFor(lease.signature())).setRun(run)
 *     .build()) {
 *   stream.start();
 *   ...
 * }
 * }</pre>
 */
public final class LabelStream implements AutoCloseable {

  /** Default prefix of the transactional ids. */
  public static final String DEFAULT_TRANSACTIONAL_ID_PREFIX = "crossdistill-labels";
  /** Default most records per poll, that is per transaction. */
  public static final int DEFAULT_MAX_POLL_RECORDS = 5000;

  /** Where a stream is. */
  public enum State {
    /** Connecting and initialising its transactional producer. */
    STARTING,
    /** Labelling (or waiting for input). */
    RUNNING,
    /** A batch failed: its transaction is aborted and the stream rewinds and retries, backing off. */
    RECOVERING,
    /** Stopped for good by an error that retrying cannot mend (fenced, not authorised); see the last error. */
    FAILED,
    /** Closed. */
    STOPPED
  }

  /**
   * Counters of a stream, all of committed transactions only (an aborted batch counts in {@code aborts}).
   *
   * @param records input records consumed and committed
   * @param labels labels produced
   * @param deadLetters dead letters produced (unreadable and unmappable records)
   * @param transactions committed transactions
   * @param aborts failed batches (aborted and rewound)
   * @param lag records behind the end of the assigned partitions, when the consumer knows it
   * @param partitions the input partitions this instance holds
   * @param teacherHash content hash of the teacher that labelled the last committed batch
   * @param lastError the last failure, also after it was recovered from
   * @param recordsPerSecond input records committed per second over the last minute (or since the stream
   *     started, when that is shorter); empty before its first second
   */
  public record Stats(State state, String instanceId, String transactionalId, long records, long labels,
      long deadLetters, long transactions, long aborts, OptionalLong lag, List<Integer> partitions,
      Optional<String> teacherHash, Optional<String> lastError, OptionalDouble recordsPerSecond) {
  }

  /**
   * One polled batch in its transaction.
   *
   * @param records input records
   * @param labels labels sent
   * @param deadLetters dead letters sent
   * @param teacherHash content hash of the teacher version that labelled it
   */
  public record Batch(int records, int labels, int deadLetters, String teacherHash) {
  }

  /** Follows a stream's transactions; called on the stream's thread. */
  public interface Listener {

    /** The batch is sent and its offsets are in the transaction; the commit comes next. */
    default void committing(Batch batch) {
    }

    /** The batch's transaction is committed. */
    default void committed(Batch batch) {
    }

    /** A batch failed; its transaction is being aborted and the stream rewinds. */
    default void failed(RuntimeException cause) {
    }
  }

  /** Everything a stream is made of (validated by the builder). */
  record Settings(String bootstrapServers, String inputTopic, String outputTopic, String deadLetterTopic,
      String groupId, String instanceId, String transactionalId, Supplier<ServingTeacher.Lease> teacher,
      Function<? super ServingTeacher.Lease, LabelPath> paths, RunStamp run, int maxPollRecords, int batchRows,
      Map<String, String> clientProperties, Duration pollTimeout, Duration maxBackoff, Listener listener) {
  }

  private final StreamLoop loop;
  private Thread thread;

  private LabelStream(Settings settings) {
    this.loop = new StreamLoop(settings);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the stream on its own thread ({@code label-stream-<instance id>}).
   *
   * @throws IllegalStateException when it was started already
   */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("the stream was started already");
    }
    thread = new Thread(loop::run, "label-stream-" + loop.instanceId());
    thread.setDaemon(true);
    thread.start();
  }

  /** Counters and state, now. */
  public Stats stats() {
    return loop.stats();
  }

  /**
   * Stops the stream: the batch in hand finishes its transaction, the consumer leaves the group (its
   * partitions move to the other instances) and the clients close.
   */
  @Override
  public void close() {
    loop.stop();
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      try {
        t.join(Duration.ofSeconds(60).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Builds a {@link LabelStream}: {@code setX} for what it needs, {@code optX} for the rest. */
  public static final class Builder {

    private String bootstrapServers;
    private String inputTopic;
    private String outputTopic;
    private String deadLetterTopic;
    private String groupId;
    private String instanceId;
    private String transactionalIdPrefix = DEFAULT_TRANSACTIONAL_ID_PREFIX;
    private Supplier<ServingTeacher.Lease> teacher;
    private Function<? super ServingTeacher.Lease, LabelPath> paths;
    private RunStamp run;
    private int maxPollRecords = DEFAULT_MAX_POLL_RECORDS;
    private int batchRows = Backfill.DEFAULT_BATCH_ROWS;
    private Map<String, String> clientProperties = Map.of();
    private Duration pollTimeout = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(5);
    private Listener listener = new Listener() { };

    private Builder() {
    }

    public Builder setBootstrapServers(String bootstrapServers) {
      this.bootstrapServers = bootstrapServers;
      return this;
    }

    /** The topic of target examples (Avro binary of the mapping's target schema). */
    public Builder setInputTopic(String inputTopic) {
      this.inputTopic = inputTopic;
      return this;
    }

    /** The topic of aligned labels. */
    public Builder setOutputTopic(String outputTopic) {
      this.outputTopic = outputTopic;
      return this;
    }

    /** The topic of dead letters. */
    public Builder setDeadLetterTopic(String deadLetterTopic) {
      this.deadLetterTopic = deadLetterTopic;
      return this;
    }

    /** The consumer group; every instance of one stream uses the same. */
    public Builder setGroupId(String groupId) {
      this.groupId = groupId;
      return this;
    }

    /** This instance's id, unique in the group; names its transactional producer. */
    public Builder setInstanceId(String instanceId) {
      this.instanceId = instanceId;
      return this;
    }

    /** Leases the teacher version that labels a batch (e.g. {@code servingTeacher::lease}); one per batch. */
    public Builder setTeacher(Supplier<ServingTeacher.Lease> teacher) {
      this.teacher = teacher;
      return this;
    }

    /**
     * The label path for a teacher version, asked once per version that answers (then kept): it compiles
     * the mapping and alignment for that signature, or throws when they do not fit it (the batch then
     * fails and is retried).
     */
    public Builder setPaths(Function<? super ServingTeacher.Lease, LabelPath> paths) {
      this.paths = paths;
      return this;
    }

    /** The run part of the labels' provenance; each transaction stamps its own input hash. */
    public Builder setRun(RunStamp run) {
      this.run = run;
      return this;
    }

    /** Transactional ids are {@code <prefix>-<instance id>}; default {@value #DEFAULT_TRANSACTIONAL_ID_PREFIX}. */
    public Builder optTransactionalIdPrefix(String prefix) {
      this.transactionalIdPrefix = prefix;
      return this;
    }

    /** Most records per poll, and so per transaction; default {@value #DEFAULT_MAX_POLL_RECORDS}. */
    public Builder optMaxPollRecords(int maxPollRecords) {
      this.maxPollRecords = maxPollRecords;
      return this;
    }

    /** Rows per teacher forward pass; default {@value Backfill#DEFAULT_BATCH_ROWS}. */
    public Builder optBatchRows(int batchRows) {
      this.batchRows = batchRows;
      return this;
    }

    /**
     * Kafka client properties (security, timeouts, tuning): a key {@code consumer.X} goes to the consumer
     * only, {@code producer.X} to the producer only, any other to both. The stream's guarantees are not
     * configurable: isolation level, auto commit, group, transactional id, idempotence and serialisers
     * are always its own.
     */
    public Builder optClientProperties(Map<String, String> properties) {
      this.clientProperties = Map.copyOf(properties);
      return this;
    }

    /** How long one poll waits for records; default 500 ms. */
    public Builder optPollTimeout(Duration timeout) {
      this.pollTimeout = timeout;
      return this;
    }

    /** Longest wait between retries after failures; default 5 s. */
    public Builder optMaxBackoff(Duration backoff) {
      this.maxBackoff = backoff;
      return this;
    }

    public Builder optListener(Listener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * The stream, not started.
     *
     * @throws IllegalArgumentException listing every missing or bad setting
     */
    public LabelStream build() {
      List<String> problems = new java.util.ArrayList<>();
      required(problems, "bootstrap servers", bootstrapServers);
      required(problems, "input topic", inputTopic);
      required(problems, "output topic", outputTopic);
      required(problems, "dead-letter topic", deadLetterTopic);
      required(problems, "group id", groupId);
      required(problems, "instance id", instanceId);
      required(problems, "transactional id prefix", transactionalIdPrefix);
      if (teacher == null) {
        problems.add("teacher: required (a supplier of teacher leases)");
      }
      if (paths == null) {
        problems.add("paths: required (the label path for a teacher version)");
      }
      if (run == null) {
        problems.add("run: required (the run stamp of the labels' provenance)");
      }
      if (inputTopic != null && (inputTopic.equals(outputTopic) || inputTopic.equals(deadLetterTopic))) {
        problems.add("topics: the input topic must differ from the output and dead-letter topics");
      }
      if (maxPollRecords < 1) {
        problems.add("max poll records: must be at least 1, got " + maxPollRecords);
      }
      if (batchRows < 1) {
        problems.add("batch rows: must be at least 1, got " + batchRows);
      }
      if (pollTimeout == null || pollTimeout.isNegative() || maxBackoff == null || maxBackoff.isNegative()) {
        problems.add("poll timeout and max backoff: must not be negative");
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("label stream: " + String.join("; ", problems));
      }
      return new LabelStream(new Settings(bootstrapServers, inputTopic, outputTopic, deadLetterTopic, groupId,
          instanceId, transactionalIdPrefix + "-" + instanceId, teacher, paths, run, maxPollRecords, batchRows,
          clientProperties, pollTimeout, maxBackoff, listener));
    }

    private static void required(List<String> problems, String what, String value) {
      if (value == null || value.isBlank()) {
        problems.add(what + ": required");
      }
    }
  }
}
