package io.crossdistill.teacher.stream;

import io.crossdistill.labelling.LabelStream;
import io.crossdistill.labelling.RunStamp;
import io.crossdistill.teacher.config.ServiceConfig;
import io.crossdistill.teacher.config.ServiceSettings;
import io.crossdistill.teacher.service.Forbidden;
import io.crossdistill.teacher.service.ServiceException;
import io.crossdistill.teacher.labels.LabelService;
import io.crossdistill.teacher.registry.ResourceKind;
import io.crossdistill.teacher.registry.Version;
import io.crossdistill.teacher.service.TeamAccess;
import io.crossdistill.teacher.service.TeacherService;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The service's Kafka label stream ({@code crossdistill.stream.*}), on the library's {@link LabelStream}:
 * once the configured mapping and alignment versions are registered (resolved with the configured team's
 * access, like every REST call) and a teacher serves, it consumes the input topic in its consumer group
 * and labels each batch with a lease on the serving teacher through {@link LabelService#path} — so a hot
 * swap shows in the labels' provenance from the next batch on, and a mapping that cannot follow the new
 * version holds the stream (recovering, with the reason) instead of labelling with the wrong one.
 */
@Startup
@ApplicationScoped
public class StreamService {

  private static final Logger LOG = Logger.getLogger(StreamService.class);
  private static final Duration RESOLVE_RETRY = Duration.ofSeconds(2);

  private final ServiceConfig.Stream config;
  private final TeamAccess access;
  private final LabelService labels;
  private final TeacherService teachers;
  private final String instanceId;
  private final CountDownLatch stopping = new CountDownLatch(1);
  private volatile LabelStream stream;
  private volatile String waitingFor = "starting";
  private volatile String failure;
  private volatile Version mapping;
  private volatile Version alignment;

  @Inject
  public StreamService(ServiceSettings settings, TeamAccess access, LabelService labels,
      TeacherService teachers) {
    this.config = settings.config().stream();
    this.access = access;
    this.labels = labels;
    this.teachers = teachers;
    this.instanceId = config.instanceId().filter(id -> !id.isBlank()).orElseGet(StreamService::defaultInstanceId);
    if (config.enabled()) {
      Thread starter = new Thread(this::resolveAndStart, "label-stream-starter");
      starter.setDaemon(true);
      starter.start();
    }
  }

  /** Whether a stream is configured. */
  public boolean enabled() {
    return config.enabled();
  }

  /** The configured stream as {@code team} may see it: its own team's, or any for operators. */
  public List<StreamView> list(String team, boolean operator) {
    if (!config.enabled() || !(operator || config.team().orElse("").equals(team))) {
      return List.of();
    }
    return List.of(view());
  }

  /** The stream's state and counters. */
  public StreamView view() {
    LabelStream s = stream;
    Optional<LabelStream.Stats> stats = Optional.ofNullable(s).map(LabelStream::stats);
    String state = failure != null ? LabelStream.State.FAILED.name()
        : stats.map(st -> st.state().name()).orElse("WAITING");
    Optional<String> reason = failure != null ? Optional.of(failure)
        : stats.isPresent() ? stats.get().lastError().filter(e -> stats.get().state() != LabelStream.State.RUNNING)
        : Optional.of(waitingFor);
    return new StreamView(state, reason, config.inputTopic().orElse(""), config.outputTopic().orElse(""),
        config.deadLetterTopic().orElse(""), config.groupId(), instanceId,
        config.transactionalIdPrefix() + "-" + instanceId,
        Optional.ofNullable(mapping).map(Version::ref).orElse(config.mapping().orElse("")),
        Optional.ofNullable(alignment).map(Version::ref).orElse(config.alignment().orElse("")),
        config.team().orElse(""),
        stats.map(LabelStream.Stats::records).orElse(0L), stats.map(LabelStream.Stats::labels).orElse(0L),
        stats.map(LabelStream.Stats::deadLetters).orElse(0L), stats.map(LabelStream.Stats::transactions).orElse(0L),
        stats.map(LabelStream.Stats::aborts).orElse(0L),
        stats.flatMap(st -> st.lag().isPresent() ? Optional.of(st.lag().getAsLong()) : Optional.empty()),
        stats.map(LabelStream.Stats::partitions).orElse(List.of()), stats.flatMap(LabelStream.Stats::teacherHash),
        stats.flatMap(st -> st.recordsPerSecond().isPresent() ? Optional.of(st.recordsPerSecond().getAsDouble())
            : Optional.empty()));
  }

  /** Waits for the specs and a teacher, then starts the stream; access refused is final. */
  private void resolveAndStart() {
    String team = config.team().orElseThrow();
    while (stopping.getCount() > 0) {
      try {
        if (mapping == null) {
          mapping = access.ref(ResourceKind.MAPPING, config.mapping().orElseThrow(),
              "crossdistill.stream.mapping", team);
        }
        if (alignment == null) {
          alignment = access.ref(ResourceKind.ALIGNMENT, config.alignment().orElseThrow(),
              "crossdistill.stream.alignment", team);
        }
        if (teachers.serving().isEmpty()) {
          waitingFor = "no teacher serves yet: " + teachers.notReadyReason();
        } else {
          start(mapping, alignment);
          return;
        }
      } catch (ServiceException e) {
        if (e instanceof Forbidden) {
          failure = "crossdistill.stream.team '" + team + "' may not use it: " + e.getMessage();
          LOG.errorf("label stream: %s; the stream does not start", failure);
          return;
        }
        waitingFor = e.getMessage() + " (yet): the stream starts once it is registered";
      } catch (RuntimeException e) {
        failure = "cannot start the label stream: " + e;
        LOG.errorf(e, "label stream: %s", failure);
        return;
      }
      try {
        stopping.await(RESOLVE_RETRY.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private synchronized void start(Version mapping, Version alignment) {
    if (stopping.getCount() == 0) {
      return;
    }
    RunStamp run = new RunStamp(Map.of("stream.group", config.groupId(), "stream.input",
        config.inputTopic().orElseThrow(), "stream.instance", instanceId), 0, "", LabelService.PRODUCER);
    stream = LabelStream.builder()
        .setBootstrapServers(config.bootstrapServers().orElseThrow())
        .setInputTopic(config.inputTopic().orElseThrow())
        .setOutputTopic(config.outputTopic().orElseThrow())
        .setDeadLetterTopic(config.deadLetterTopic().orElseThrow())
        .setGroupId(config.groupId())
        .setInstanceId(instanceId)
        .optTransactionalIdPrefix(config.transactionalIdPrefix())
        .setTeacher(teachers::lease)
        .setPaths(lease -> labels.path(mapping, alignment, lease))
        .setRun(run)
        .optMaxPollRecords(config.maxPollRecords())
        .optClientProperties(config.kafka())
        .build();
    stream.start();
    LOG.infof("label stream %s started: %s -> %s (dead letters %s), group %s, mapping %s, alignment %s, team %s",
        instanceId, config.inputTopic().orElseThrow(), config.outputTopic().orElseThrow(),
        config.deadLetterTopic().orElseThrow(), config.groupId(), mapping.ref(), alignment.ref(),
        config.team().orElseThrow());
  }

  @PreDestroy
  synchronized void stop() {
    stopping.countDown();
    if (stream != null) {
      stream.close();
    }
  }

  private static String defaultInstanceId() {
    String host;
    try {
      host = Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank())
          .orElse(InetAddress.getLocalHost().getHostName());
    } catch (UnknownHostException e) {
      host = "instance";
    }
    if (host.isBlank() || "localhost".equals(host)) {
      return "instance-" + UUID.randomUUID().toString().substring(0, 8);
    }
    // stable across restarts on one host: a restarted instance aborts what its predecessor left open at
    // once (the same transactional id), instead of after the transaction timeout
    return host.replaceAll("[^A-Za-z0-9._-]", "-");
  }
}
