package io.crossdistill.teacher.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crossdistill.labelling.ServingTeacher;
import io.crossdistill.models.ArtifactIntegrityException;
import io.crossdistill.models.ModelException;
import io.crossdistill.models.Teacher;
import io.crossdistill.models.TeacherRuntime;
import io.crossdistill.teacher.config.InvalidConfigurationException;
import io.crossdistill.teacher.config.ServiceConfig;
import io.crossdistill.teacher.config.ServiceSettings;
import io.crossdistill.schemas.Problem;
import io.crossdistill.teacher.registry.Registration;
import io.crossdistill.teacher.registry.ResourceKind;
import io.crossdistill.teacher.registry.Version;
import io.crossdistill.teacher.registry.VersionedRegistry;
import io.crossdistill.v1.TeacherSignature;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Teachers: the registered artifacts (a {@code teacher} resource per teacher id, one version per content
 * hash, registered by a path under the configured teachers root) and the one version that serves labels,
 * behind a {@link TeacherRuntime} (predictor pool, micro-batching), held by the label path's
 * {@link ServingTeacher}. Serving another version is a hot swap: requests that started on the old version
 * finish on it (they hold it through a {@link ServingTeacher.Lease}), later ones use the new one, and the
 * old runtime closes when its last request has answered. With no
 * teacher configured, a first start trains the demo teacher in the background ({@link FirstStartTeacher})
 * and later starts load it. The service is ready only while a teacher serves.
 */
@Startup
@ApplicationScoped
public class TeacherService {

  private static final Logger LOG = Logger.getLogger(TeacherService.class);
  /** Owner of teachers the service registers itself (the configured one, the first-start one). */
  public static final String SYSTEM_OWNER = "_service";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final VersionedRegistry registry;
  private final Path root;
  private final ServiceConfig.Teacher.Runtime runtimeConfig;
  private final ServingTeacher serving = new ServingTeacher();
  private final Map<String, TeacherSignature> signaturesByHash = new ConcurrentHashMap<>();
  private volatile String notReadyReason = "no teacher loaded";
  private volatile boolean shuttingDown;

  @Inject
  public TeacherService(ServiceSettings settings, VersionedRegistry registry, MeterRegistry meters) {
    this.registry = registry;
    this.root = settings.teachersRoot();
    this.runtimeConfig = settings.config().teacher().runtime();
    FunctionCounter.builder("crossdistill.teacher.forward.passes", serving, ServingTeacher::forwardPasses)
        .description("teacher forward passes (one micro-batched pass may answer several requests)").register(meters);
    Optional<Path> configured = settings.teacherPath();
    if (configured.isPresent()) {
      loadAtStart(configured.get(), "crossdistill.teacher.path");
    } else if (settings.config().teacher().trainOnFirstStart()) {
      FirstStartTeacher demo = new FirstStartTeacher(root, settings.dataDir().resolve("first-start"),
          settings.config().teacher().firstStartSize());
      if (demo.exists()) {
        LOG.infof("no teacher configured: serving the demo teacher trained on an earlier start (%s)", demo.artifactDir());
        loadAtStart(demo.artifactDir(), "the first-start demo teacher");
      } else {
        startTraining(demo);
      }
    } else {
      LOG.warnf("no teacher configured: the service is NOT READY (/q/health/ready is DOWN) and cannot label. "
          + "Set crossdistill.teacher.path to an artifact directory under %s, or register one as an operator "
          + "with POST /api/v1/teachers {\"path\": ..., \"serve\": true} "
          + "(crossdistill.teacher.train-on-first-start=false)", root);
    }
  }

  private void loadAtStart(Path dir, String what) {
    LOG.infof("loading teacher from %s ...", dir);
    long start = System.nanoTime();
    TeacherRuntime runtime;
    try {
      runtime = runtime(Teacher.open(dir));
    } catch (ModelException | IllegalArgumentException e) {
      // a configuration problem, reported as one (its message alone, no stack trace); the cause for debugging
      LOG.debugf(e, "cannot load the teacher at %s", dir);
      throw new InvalidConfigurationException(List.of(what + ": cannot load the teacher at " + dir + ": " + e.getMessage()));
    }
    TeacherSignature signature = runtime.signature();
    try {
      record(signature, dir, SYSTEM_OWNER);
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
    serving.serve(runtime, dir);
    LOG.infof("teacher %s (%s) loaded in %d ms", signature.getTeacherId(), shortHash(signature.getContentHash()),
        (System.nanoTime() - start) / 1_000_000);
  }

  private void startTraining(FirstStartTeacher demo) {
    notReadyReason = "the demo teacher is being trained (first start)";
    LOG.warnf("no teacher configured and none trained yet: training the demo teacher in the background; the service "
        + "is NOT READY (/q/health/ready is DOWN) until it is loaded. crossdistill.teacher.train-on-first-start=false "
        + "turns this off");
    Thread thread = new Thread(() -> {
      try {
        Path dir = demo.train(status -> notReadyReason = "the demo teacher is being trained (first start): " + status);
        if (shuttingDown) {
          return;
        }
        TeacherRuntime runtime = runtime(Teacher.open(dir));
        TeacherSignature signature = runtime.signature();
        String id = signature.getTeacherId();
        String hash = shortHash(signature.getContentHash());
        try {
          record(signature, dir, SYSTEM_OWNER);
        } catch (RuntimeException e) {
          runtime.close();
          throw e;
        }
        if (serving.serveIfNone(runtime, dir)) {
          LOG.infof("teacher %s (%s) loaded: the service is ready", id, hash);
        } else {
          LOG.infof("teacher %s (%s) trained; an operator already serves another teacher, so it is only registered",
              id, hash);
          runtime.close();
        }
      } catch (ModelException | RuntimeException e) {
        notReadyReason = "training the demo teacher failed: " + e.getMessage();
        LOG.errorf(e, "first start: training the demo teacher failed; the service stays NOT READY. Configure "
            + "crossdistill.teacher.path or register a teacher");
      }
    }, "first-start-teacher-training");
    thread.setDaemon(true);
    thread.start();
  }

  /** The signature of the teacher that labels, if one is loaded. Hold a {@link #lease()} to score with it. */
  public Optional<TeacherSignature> serving() {
    return serving.signature();
  }

  /** Why the service is not ready, while no teacher serves. */
  public String notReadyReason() {
    return notReadyReason;
  }

  /** The signature of the teacher that labels; {@link Unavailable} when none is loaded. */
  public TeacherSignature requireServing() {
    return serving().orElseThrow(TeacherService::unavailable);
  }

  /**
   * Holds the serving version for one request; close the lease when the answer is made.
   * {@link Unavailable} when no teacher is loaded.
   */
  public ServingTeacher.Lease lease() {
    return serving.tryLease().orElseThrow(TeacherService::unavailable);
  }

  private static Unavailable unavailable() {
    return new Unavailable(
        "no teacher is loaded; an operator must configure crossdistill.teacher.path or register one");
  }

  private TeacherRuntime runtime(Teacher model) {
    TeacherRuntime.Builder builder = TeacherRuntime.builder()
        .optMaxBatchRows(runtimeConfig.maxBatchRows())
        .optMaxWait(Duration.ofNanos(runtimeConfig.maxWaitMicros() * 1_000));
    runtimeConfig.poolSize().ifPresent(builder::optPoolSize);
    return builder.build(model);
  }

  /**
   * Registers the artifact at the request's path (relative to the teachers root, or absolute inside it)
   * after verifying it; with {@code serve}, it also becomes the serving teacher. Only operator teams
   * register teachers.
   */
  public Registration register(RegisterTeacher request, String team, boolean operator) {
    if (!operator) {
      throw new Forbidden("only operator teams register teachers");
    }
    if (request == null) {
      throw Invalid.at("", "empty body", "send {\"path\": ..., \"serve\": true|false}");
    }
    Path dir = confine(request.path());
    boolean serve = request.serve();
    Teacher model;
    try {
      model = Teacher.open(dir);
    } catch (ArtifactIntegrityException e) {
      throw Invalid.at("/path", "not a valid teacher artifact", e.getMessage());
    } catch (ModelException | IllegalArgumentException e) {
      throw Invalid.at("/path", "the teacher artifact cannot be loaded", String.valueOf(e.getMessage()));
    }
    Registration registration;
    boolean alreadyServing;
    try {
      registration = record(model.teacherId(), model.contentHash(), model.signature(), dir, team);
      alreadyServing = serving().map(t -> t.getContentHash().equals(model.contentHash())).orElse(false);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
    if (serve && !alreadyServing) {
      String previous = serving().map(t -> t.getTeacherId() + " (" + shortHash(t.getContentHash()) + ")")
          .orElse("none");
      serving.serve(runtime(model), dir);
      LOG.infof("teacher %s (%s) now serves (hot swap from %s)", model.teacherId(), shortHash(model.contentHash()),
          previous);
    } else {
      model.close();
    }
    return registration;
  }

  private Registration record(TeacherSignature signature, Path dir, String team) {
    return record(signature.getTeacherId(), signature.getContentHash(), signature, dir, team);
  }

  private Registration record(String teacherId, String contentHash, TeacherSignature signature, Path dir, String team) {
    signaturesByHash.put(contentHash, signature);
    Map<String, String> body = Map.of("path", root.relativize(dir.toAbsolutePath().normalize()).toString(),
        "contentHash", contentHash);
    String text;
    try {
      text = JSON.writeValueAsString(new java.util.TreeMap<>(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    List<Version> existing = registry.versions(ResourceKind.TEACHER, teacherId);
    String owner = existing.isEmpty() ? team : existing.get(0).owner();
    return registry.register(ResourceKind.TEACHER, teacherId, owner, contentHash, text,
        Map.of("path", body.get("path")), previous -> { });
  }

  /** Resolves a requested path inside the teachers root; anything outside is refused (no traversal, no links out). */
  Path confine(String path) {
    Path dir = ConfinedPaths.confine(root, "the teachers root", path, "/path");
    if (!Files.isDirectory(dir)) {
      throw Invalid.at("/path", "no such artifact", "'" + path + "' is not a directory under the teachers root");
    }
    return dir;
  }

  /** The signature of a registered teacher: by content hash, or the latest version when the hash is empty. */
  public Optional<TeacherSignature> signature(String teacherId, String contentHash) {
    Optional<Version> version = contentHash.isEmpty()
        ? registry.latest(ResourceKind.TEACHER, teacherId)
        : registry.versions(ResourceKind.TEACHER, teacherId).stream()
            .filter(v -> v.contentHash().equals(contentHash)).findFirst();
    return version.map(this::signature);
  }

  /** Version {@code version} (or the latest) of teacher {@code id}. */
  public Version version(String id, Optional<Integer> version) {
    return version.isEmpty()
        ? registry.latest(ResourceKind.TEACHER, id).orElseThrow(() -> new NotFound("no teacher '" + id + "'"))
        : registry.get(ResourceKind.TEACHER, id, version.get()).orElseThrow(() -> new NotFound(
            "teacher '" + id + "' has no version " + version.get()));
  }

  /** Every registered teacher version, by id, oldest first. */
  public List<Version> versions() {
    return registry.names(ResourceKind.TEACHER, Optional.empty()).stream()
        .flatMap(id -> registry.versions(ResourceKind.TEACHER, id).stream()).toList();
  }

  /**
   * The signature of a registered teacher version (read from its artifact when not in memory).
   *
   * @throws Unavailable when the artifact can no longer be loaded (removed or damaged since it was registered)
   */
  public TeacherSignature signature(Version version) {
    TeacherSignature known = signaturesByHash.get(version.contentHash());
    if (known != null) {
      return known;
    }
    Path dir = root.resolve(pathOf(version));
    try (Teacher teacher = Teacher.open(dir)) {
      TeacherSignature read = teacher.signature();
      TeacherSignature raced = signaturesByHash.putIfAbsent(version.contentHash(), read);
      return raced == null ? read : raced;
    } catch (ModelException | IllegalArgumentException e) {
      throw new Unavailable("teacher " + version.ref() + " cannot be loaded from '" + pathOf(version)
          + "' under the teachers root: " + e.getMessage() + "; an operator must restore the artifact or register "
          + "another version", e);
    }
  }

  /** Artifact path of a registered version, relative to the teachers root. */
  public static String pathOf(Version version) {
    try {
      JsonNode body = JSON.readTree(version.body());
      return body.path("path").asText();
    } catch (JsonProcessingException e) {
      throw new Unavailable("the registry entry of teacher " + version.ref() + " is not JSON", e);
    }
  }

  static String shortHash(String hash) {
    return hash.length() > 12 ? hash.substring(0, 12) : hash;
  }

  @PreDestroy
  void close() {
    shuttingDown = true;
    serving.close();
  }
}
