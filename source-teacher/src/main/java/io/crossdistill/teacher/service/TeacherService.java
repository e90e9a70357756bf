package io.crossdistill.teacher.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crossdistill.models.ArtifactIntegrityException;
import io.crossdistill.models.ModelException;
import io.crossdistill.teacher.config.ServiceSettings;
import io.crossdistill.teacher.errors.ApiException;
import io.crossdistill.teacher.errors.ProblemItem;
import io.crossdistill.teacher.registry.Registration;
import io.crossdistill.teacher.registry.ResourceKind;
import io.crossdistill.teacher.registry.Version;
import io.crossdistill.teacher.registry.VersionedRegistry;
import io.crossdistill.v1.TeacherSignature;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Teachers: the registered artifacts (a {@code teacher} resource per teacher id, one version per content
 * hash, registered by a path under the configured teachers root) and the one teacher that serves labels.
 * The service is ready only while a teacher serves.
 */
@Startup
@ApplicationScoped
public class TeacherService {

  private static final Logger LOG = Logger.getLogger(TeacherService.class);
  /** Owner of teachers the service registers itself (the configured one). */
  public static final String SYSTEM_OWNER = "_service";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final VersionedRegistry registry;
  private final Path root;
  private final AtomicReference<LoadedTeacher> serving = new AtomicReference<>();
  private final Map<String, TeacherSignature> signaturesByHash = new ConcurrentHashMap<>();

  @Inject
  public TeacherService(ServiceSettings settings, VersionedRegistry registry) {
    this.registry = registry;
    this.root = settings.teachersRoot();
    Optional<Path> configured = settings.teacherPath();
    if (configured.isPresent()) {
      Path dir = configured.get();
      LOG.infof("loading teacher from %s ...", dir);
      long start = System.nanoTime();
      LoadedTeacher teacher;
      try {
        teacher = ArtifactTeacher.open(dir);
      } catch (ModelException | IllegalArgumentException e) {
        throw new IllegalStateException("crossdistill.teacher.path: cannot load the teacher at " + dir + ": "
            + e.getMessage(), e);
      }
      record(teacher, SYSTEM_OWNER);
      serve(teacher);
      LOG.infof("teacher %s (%s) loaded in %d ms", teacher.id(), shortHash(teacher.contentHash()),
          (System.nanoTime() - start) / 1_000_000);
    } else {
      LOG.warnf("no teacher configured: the service is NOT READY (/q/health/ready is DOWN) and cannot label. "
          + "Set crossdistill.teacher.path to an artifact directory under %s, or register one as an operator "
          + "with POST /api/v1/teachers {\"path\": ..., \"serve\": true}", root);
    }
  }

  /** The teacher that labels, if one is loaded. */
  public Optional<LoadedTeacher> serving() {
    return Optional.ofNullable(serving.get());
  }

  /** The teacher that labels; 503 when none is loaded. */
  public LoadedTeacher requireServing() {
    return serving().orElseThrow(() -> ApiException.unavailable(
        "no teacher is loaded; an operator must configure crossdistill.teacher.path or register one"));
  }

  /**
   * Makes {@code teacher} the one that labels and closes the previous one. A request still scoring on
   * the previous teacher at that moment may fail; swapping without that is the teacher runtime's job.
   */
  public void serve(LoadedTeacher teacher) {
    LoadedTeacher previous = serving.getAndSet(teacher);
    signaturesByHash.put(teacher.contentHash(), teacher.signature());
    if (previous != null && previous != teacher) {
      previous.close();
    }
  }

  /**
   * Registers the artifact at {@code path} (relative to the teachers root, or absolute inside it) after
   * verifying it; with {@code serve}, it also becomes the serving teacher.
   */
  public Registration register(String path, String team, boolean serve) {
    Path dir = confine(path);
    LoadedTeacher teacher;
    try {
      teacher = ArtifactTeacher.open(dir);
    } catch (ArtifactIntegrityException e) {
      throw ApiException.badRequest("not a valid teacher artifact", List.of(new ProblemItem("/path", e.getMessage())));
    } catch (ModelException | IllegalArgumentException e) {
      throw ApiException.badRequest("the teacher artifact cannot be loaded",
          List.of(new ProblemItem("/path", String.valueOf(e.getMessage()))));
    }
    Registration registration = record(teacher, team);
    boolean alreadyServing = serving().map(t -> t.contentHash().equals(teacher.contentHash())).orElse(false);
    if (serve && !alreadyServing) {
      serve(teacher);
      LOG.infof("teacher %s (%s) now serves", teacher.id(), shortHash(teacher.contentHash()));
    } else {
      teacher.close();
    }
    return registration;
  }

  private Registration record(LoadedTeacher teacher, String team) {
    signaturesByHash.put(teacher.contentHash(), teacher.signature());
    Map<String, String> body = Map.of("path", root.relativize(teacher.path().toAbsolutePath().normalize()).toString(),
        "contentHash", teacher.contentHash());
    String text;
    try {
      text = JSON.writeValueAsString(new java.util.TreeMap<>(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    List<Version> existing = registry.versions(ResourceKind.TEACHER, teacher.id());
    String owner = existing.isEmpty() ? team : existing.get(0).owner();
    return registry.register(ResourceKind.TEACHER, teacher.id(), owner, teacher.contentHash(), text,
        Map.of("path", body.get("path")), previous -> { });
  }

  /** Resolves a requested path inside the teachers root; anything outside is refused (no traversal, no links out). */
  Path confine(String path) {
    if (path == null || path.isBlank()) {
      throw ApiException.badRequest("missing path", List.of(new ProblemItem("/path", "name an artifact directory under the teachers root")));
    }
    Path dir;
    try {
      dir = root.resolve(path).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw ApiException.badRequest("bad path", List.of(new ProblemItem("/path", "not a valid path")));
    }
    if (!dir.startsWith(root)) {
      throw ApiException.forbidden("path '" + path + "' lies outside the teachers root");
    }
    if (!Files.isDirectory(dir)) {
      throw ApiException.badRequest("no such artifact", List.of(new ProblemItem("/path",
          "'" + path + "' is not a directory under the teachers root")));
    }
    try {
      if (!dir.toRealPath().startsWith(root.toRealPath())) {
        throw ApiException.forbidden("path '" + path + "' leads outside the teachers root");
      }
    } catch (IOException e) {
      throw ApiException.badRequest("bad path", List.of(new ProblemItem("/path", "cannot be resolved")));
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

  /** The signature of a registered teacher version (read from its artifact when not in memory). */
  public TeacherSignature signature(Version version) {
    return signaturesByHash.computeIfAbsent(version.contentHash(), h -> {
      Path dir = root.resolve(pathOf(version));
      try (LoadedTeacher teacher = ArtifactTeacher.open(dir)) {
        return teacher.signature();
      }
    });
  }

  /** Artifact path of a registered version, relative to the teachers root. */
  public static String pathOf(Version version) {
    try {
      JsonNode body = JSON.readTree(version.body());
      return body.path("path").asText();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("teacher entry " + version.ref() + " is not JSON", e);
    }
  }

  static String shortHash(String hash) {
    return hash.length() > 12 ? hash.substring(0, 12) : hash;
  }

  @PreDestroy
  void close() {
    LoadedTeacher teacher = serving.getAndSet(null);
    if (teacher != null) {
      teacher.close();
    }
  }
}
