package io.crossdistill.teacher.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.Map;
import java.util.Optional;

/**
 * The typed configuration of the teacher service, under the prefix {@code crossdistill}. Every value
 * has an embedded default, so a bare {@code java -jar} starts; {@link ConfigValidator} checks the whole
 * of it at start and refuses to start, listing every problem, when something is wrong.
 */
@ConfigMapping(prefix = "crossdistill")
public interface ServiceConfig {

  /** Directory of the service's own state: the registry journal, registered teachers. */
  @WithName("data-dir")
  @WithDefault("./crossdistill-data")
  String dataDir();

  Teacher teacher();

  Registry registry();

  Labels labels();

  Backfill backfill();

  Stream stream();

  Reports reports();

  Cache cache();

  /** API keys by team name. */
  Map<String, Team> teams();

  /** Where teachers come from. */
  interface Teacher {

    /** Root directory under which teacher artifacts may be registered; default {@code <data-dir>/teachers}. */
    Optional<String> root();

    /** Artifact directory of the teacher to serve at start, relative to the root or absolute inside it. */
    Optional<String> path();

    /**
     * With no {@link #path()}: train the demo's reference teacher (the simulator's video domain) into
     * {@code <root>/demo-video-teacher} in the background on the first start, and serve it from there on
     * later starts.
     */
    @WithName("train-on-first-start")
    @WithDefault("true")
    boolean trainOnFirstStart();

    /** Simulator world of the first-start teacher: {@code default} (the demo's) or {@code small} (seconds). */
    @WithName("first-start-size")
    @WithDefault("default")
    FirstStartSize firstStartSize();

    Runtime runtime();

    /** The teacher runtime behind labels: predictor pool and micro-batching. */
    interface Runtime {

      /** Forward passes that may run at once; default: the number of cores. */
      @WithName("pool-size")
      Optional<Integer> poolSize();

      /** Most rows in one micro-batched forward pass; larger requests run alone. */
      @WithName("max-batch-rows")
      @WithDefault("256")
      int maxBatchRows();

      /** How long, in microseconds, the first request of a pass waits for concurrent ones to join it. */
      @WithName("max-wait-micros")
      @WithDefault("1000")
      long maxWaitMicros();
    }
  }

  /** Where registered specs are kept. */
  interface Registry {

    /** {@code journal} (embedded default: a file in the data directory) or {@code kafka}. */
    @WithDefault("journal")
    RegistryKind kind();

    Kafka kafka();

    /** The Kafka registry log. */
    interface Kafka {

      @WithName("bootstrap-servers")
      Optional<String> bootstrapServers();

      @WithDefault("crossdistill-registry")
      String topic();

      @WithName("replication-factor")
      @WithDefault("1")
      short replicationFactor();

      /** How long a start may wait for the registry log to be read to its end. */
      @WithName("startup-timeout-seconds")
      @WithDefault("60")
      int startupTimeoutSeconds();
    }
  }

  /** The online labels endpoint. */
  interface Labels {

    /** Most records in one labels request. */
    @WithName("max-batch")
    @WithDefault("1024")
    int maxBatch();

    /** Most records in a coverage or fit sample. */
    @WithName("max-sample")
    @WithDefault("100000")
    int maxSample();

    /** Root of the label store (label sets made by backfills); default {@code <data-dir>/label-sets}. */
    Optional<String> store();
  }

  /** Batch label backfills. */
  interface Backfill {

    /** The only directory backfill inputs may be read from; default {@code <data-dir>/inputs}. */
    @WithName("data-root")
    Optional<String> dataRoot();

    /** Jobs that run at once; later ones wait in a first-in first-out queue. */
    @WithName("max-concurrent")
    @WithDefault("1")
    int maxConcurrent();
  }

  /**
   * The Kafka label stream: consume a topic of target examples, produce aligned labels exactly-once. Off
   * unless enabled; instances with the same group id share the input's partitions.
   */
  interface Stream {

    @WithDefault("false")
    boolean enabled();

    @WithName("bootstrap-servers")
    Optional<String> bootstrapServers();

    /** Topic of target examples, Avro binary of the mapping's target schema. */
    @WithName("input-topic")
    Optional<String> inputTopic();

    /** Topic of aligned labels (Avro binary AlignedLabel, key = the example's key). */
    @WithName("output-topic")
    Optional<String> outputTopic();

    /** Topic of dead letters (Avro binary DeadLetter). */
    @WithName("dead-letter-topic")
    Optional<String> deadLetterTopic();

    /** Consumer group; every instance of one stream uses the same. */
    @WithName("group-id")
    @WithDefault("crossdistill-label-stream")
    String groupId();

    /** The mapping, {@code name@version}. */
    Optional<String> mapping();

    /** The (fitted) alignment, {@code name@version}. */
    Optional<String> alignment();

    /** The team whose mapping and alignment these are; its access rules apply. */
    Optional<String> team();

    /** This instance's id in the group (its transactional id's suffix), unique in the group; default: the host name. */
    @WithName("instance-id")
    Optional<String> instanceId();

    /** Transactional ids are {@code <prefix>-<instance-id>}. */
    @WithName("transactional-id-prefix")
    @WithDefault("crossdistill-labels")
    String transactionalIdPrefix();

    /** Most records per poll, and so per transaction (larger: more throughput, more work redone after a failure). */
    @WithName("max-poll-records")
    @WithDefault("5000")
    int maxPollRecords();

    /** Further Kafka client properties (security, timeouts): {@code consumer.*} / {@code producer.*} for one client. */
    Map<String, String> kafka();
  }

  /**
   * Student reports: the output directories of {@code student compare} (and {@code demo --data}) runs that teams
   * publish under {@code <root>/<team>/<run>/}.
   */
  interface Reports {

    /** Root of the published runs; default {@code <data-dir>/reports}. */
    Optional<String> root();

    /** Largest {@code report.html} the service answers (bytes); a larger one is listed with a problem. */
    @WithName("max-html-bytes")
    @WithDefault("33554432")
    long maxHtmlBytes();
  }

  /** Caffeine caches. */
  interface Cache {

    /** Whether teacher outputs are cached. */
    @WithName("teacher-outputs.enabled")
    @WithDefault("true")
    boolean teacherOutputsEnabled();

    /** Bound of the teacher output cache, in bytes of keys and values (approximate). */
    @WithName("teacher-outputs.max-bytes")
    @WithDefault("67108864")
    long teacherOutputsMaxBytes();

    /** Compiled mappers and aligners kept. */
    @WithName("compiled.max-entries")
    @WithDefault("256")
    int compiledMaxEntries();
  }

  /** One team's credentials and rights. */
  interface Team {

    /** SHA-256 (hex) of the team's API key; the key itself is never configured or stored. */
    @WithName("api-key-sha256")
    String apiKeySha256();

    /** Operators may register teachers. */
    @WithDefault("false")
    boolean operator();
  }

  /** Simulator sizes of the first-start teacher. */
  enum FirstStartSize { DEFAULT, SMALL }

  /** Kinds of registry log. */
  enum RegistryKind { JOURNAL, KAFKA }
}
