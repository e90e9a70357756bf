package io.crossdistill.teacher.config;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The service configuration, checked as a whole and resolved into paths and lookups. It is the first
 * bean the service builds ({@link Startup}), and every other bean reads its settings from here, so a
 * bad value stops the start with one message listing every problem before anything else has started.
 */
@Startup
@ApplicationScoped
public class ServiceSettings {

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern TEAM_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  private final ServiceConfig config;
  private final Path dataDir;
  private final Path teachersRoot;
  private final Optional<Path> teacherPath;
  private final Path labelStore;
  private final Path backfillDataRoot;
  private final Path reportsRoot;
  private final Map<String, String> teamByKeyHash;

  @Inject
  public ServiceSettings(ServiceConfig config) {
    this.config = config;
    List<String> problems = new ArrayList<>();
    this.dataDir = resolve("crossdistill.data-dir", config.dataDir(), problems);
    Path root = config.teacher().root()
        .map(r -> resolve("crossdistill.teacher.root", r, problems))
        .orElse(dataDir == null ? null : dataDir.resolve("teachers"));
    this.teachersRoot = root;
    this.teacherPath = config.teacher().path().flatMap(p -> teacherPath(p, root, problems));
    this.labelStore = config.labels().store()
        .map(r -> resolve("crossdistill.labels.store", r, problems))
        .orElse(dataDir == null ? null : dataDir.resolve("label-sets"));
    this.backfillDataRoot = config.backfill().dataRoot()
        .map(r -> resolve("crossdistill.backfill.data-root", r, problems))
        .orElse(dataDir == null ? null : dataDir.resolve("inputs"));
    this.reportsRoot = config.reports().root()
        .map(r -> resolve("crossdistill.reports.root", r, problems))
        .orElse(dataDir == null ? null : dataDir.resolve("reports"));
    this.teamByKeyHash = teams(config, problems);
    checkLimits(config, problems);
    checkStream(config, problems);
    if (!problems.isEmpty()) {
      throw new InvalidConfigurationException(problems);
    }
  }

  /** Directory of the service's own state (created at start). */
  public Path dataDir() {
    return dataDir;
  }

  /** Root under which every teacher artifact must lie. */
  public Path teachersRoot() {
    return teachersRoot;
  }

  /** The teacher to serve at start, when one is configured. */
  public Optional<Path> teacherPath() {
    return teacherPath;
  }

  /** Root of the label store, where backfills write label sets. */
  public Path labelStore() {
    return labelStore;
  }

  /** The only directory backfill inputs may be read from. */
  public Path backfillDataRoot() {
    return backfillDataRoot;
  }

  /** Root of the published student reports, one directory per team and run ({@code <root>/<team>/<run>/}). */
  public Path reportsRoot() {
    return reportsRoot;
  }

  /** Team names by the SHA-256 (lower-case hex) of their API keys. */
  public Map<String, String> teamByKeyHash() {
    return teamByKeyHash;
  }

  /** Whether a team may register teachers. */
  public boolean isOperator(String team) {
    ServiceConfig.Team t = config.teams().get(team);
    return t != null && t.operator();
  }

  public ServiceConfig config() {
    return config;
  }

  private static Path resolve(String key, String value, List<String> problems) {
    if (value.isBlank()) {
      problems.add(key + ": must not be blank");
      return null;
    }
    try {
      Path path = Path.of(value).toAbsolutePath().normalize();
      if (Files.exists(path) && !Files.isDirectory(path)) {
        problems.add(key + ": '" + value + "' exists and is not a directory");
      }
      return path;
    } catch (InvalidPathException e) {
      problems.add(key + ": '" + value + "' is not a valid path (" + e.getReason() + ")");
      return null;
    }
  }

  private static Optional<Path> teacherPath(String value, Path root, List<String> problems) {
    if (root == null) {
      return Optional.empty();
    }
    try {
      Path path = root.resolve(value).toAbsolutePath().normalize();
      if (!path.startsWith(root)) {
        problems.add("crossdistill.teacher.path: '" + value + "' lies outside the teachers root " + root);
        return Optional.empty();
      }
      if (!Files.isDirectory(path)) {
        problems.add("crossdistill.teacher.path: '" + path + "' is not a directory (a teacher artifact directory is expected)");
        return Optional.empty();
      }
      return Optional.of(path);
    } catch (InvalidPathException e) {
      problems.add("crossdistill.teacher.path: '" + value + "' is not a valid path (" + e.getReason() + ")");
      return Optional.empty();
    }
  }

  private static Map<String, String> teams(ServiceConfig config, List<String> problems) {
    Map<String, String> byHash = new HashMap<>();
    config.teams().forEach((team, settings) -> {
      if (!TEAM_NAME.matcher(team).matches()) {
        problems.add("crossdistill.teams." + team + ": a team name is 1-63 of [a-z0-9_-], starting with a letter or digit");
      }
      // never echo the configured value: it is a credential hash
      String hash = settings.apiKeySha256().strip().toLowerCase(Locale.ROOT);
      if (!SHA256_HEX.matcher(hash).matches()) {
        problems.add("crossdistill.teams." + team + ".api-key-sha256: must be 64 hex digits (the SHA-256 of the key, "
            + "e.g. printf %s \"$KEY\" | sha256sum)");
      } else if (byHash.putIfAbsent(hash, team) != null) {
        problems.add("crossdistill.teams." + team + ".api-key-sha256: the same key is configured for team '"
            + byHash.get(hash) + "'");
      }
    });
    return Map.copyOf(byHash);
  }

  private static void checkLimits(ServiceConfig config, List<String> problems) {
    if (config.labels().maxBatch() < 1) {
      problems.add("crossdistill.labels.max-batch: must be at least 1, got " + config.labels().maxBatch());
    }
    if (config.labels().maxSample() < 1) {
      problems.add("crossdistill.labels.max-sample: must be at least 1, got " + config.labels().maxSample());
    }
    if (config.backfill().maxConcurrent() < 1) {
      problems.add("crossdistill.backfill.max-concurrent: must be at least 1, got " + config.backfill().maxConcurrent());
    }
    // one page is answered from one array
    if (config.reports().maxHtmlBytes() < 1 || config.reports().maxHtmlBytes() > Integer.MAX_VALUE - 8) {
      problems.add("crossdistill.reports.max-html-bytes: must be in [1, " + (Integer.MAX_VALUE - 8) + "], got "
          + config.reports().maxHtmlBytes());
    }
    if (config.cache().teacherOutputsMaxBytes() < 0) {
      problems.add("crossdistill.cache.teacher-outputs.max-bytes: must be >= 0, got " + config.cache().teacherOutputsMaxBytes());
    }
    if (config.cache().compiledMaxEntries() < 1) {
      problems.add("crossdistill.cache.compiled.max-entries: must be at least 1, got " + config.cache().compiledMaxEntries());
    }
    ServiceConfig.Teacher.Runtime runtime = config.teacher().runtime();
    runtime.poolSize().filter(n -> n < 1).ifPresent(n ->
        problems.add("crossdistill.teacher.runtime.pool-size: must be at least 1, got " + n));
    if (runtime.maxBatchRows() < 1) {
      problems.add("crossdistill.teacher.runtime.max-batch-rows: must be at least 1, got " + runtime.maxBatchRows());
    }
    if (runtime.maxWaitMicros() < 0 || runtime.maxWaitMicros() > 1_000_000) {
      problems.add("crossdistill.teacher.runtime.max-wait-micros: must be in [0, 1000000], got " + runtime.maxWaitMicros());
    }
    ServiceConfig.Registry registry = config.registry();
    if (registry.kind() == ServiceConfig.RegistryKind.KAFKA) {
      if (registry.kafka().bootstrapServers().filter(s -> !s.isBlank()).isEmpty()) {
        problems.add("crossdistill.registry.kafka.bootstrap-servers: required when crossdistill.registry.kind=kafka");
      }
      if (registry.kafka().topic().isBlank()) {
        problems.add("crossdistill.registry.kafka.topic: must not be blank");
      }
      if (registry.kafka().replicationFactor() < 1) {
        problems.add("crossdistill.registry.kafka.replication-factor: must be at least 1");
      }
      if (registry.kafka().startupTimeoutSeconds() < 1) {
        problems.add("crossdistill.registry.kafka.startup-timeout-seconds: must be at least 1");
      }
    }
  }

  private static void checkStream(ServiceConfig config, List<String> problems) {
    ServiceConfig.Stream stream = config.stream();
    if (!stream.enabled()) {
      return;
    }
    Map<String, Optional<String>> required = new java.util.LinkedHashMap<>();
    required.put("bootstrap-servers", stream.bootstrapServers());
    required.put("input-topic", stream.inputTopic());
    required.put("output-topic", stream.outputTopic());
    required.put("dead-letter-topic", stream.deadLetterTopic());
    required.put("mapping", stream.mapping());
    required.put("alignment", stream.alignment());
    required.put("team", stream.team());
    required.forEach((key, value) -> {
      if (value.filter(v -> !v.isBlank()).isEmpty()) {
        problems.add("crossdistill.stream." + key + ": required when crossdistill.stream.enabled=true");
      }
    });
    for (String key : List.of("mapping", "alignment")) {
      required.get(key).filter(ref -> !ref.isBlank() && !ref.matches(".+@[1-9][0-9]*")).ifPresent(ref ->
          problems.add("crossdistill.stream." + key + ": '" + ref + "' is not name@version (a stream labels with one "
              + "exact version)"));
    }
    stream.team().filter(t -> !t.isBlank() && !config.teams().containsKey(t)).ifPresent(t ->
        problems.add("crossdistill.stream.team: '" + t + "' is not a configured team (crossdistill.teams." + t + ")"));
    String input = stream.inputTopic().orElse("");
    if (!input.isBlank() && (input.equals(stream.outputTopic().orElse("")) || input.equals(stream.deadLetterTopic().orElse("")))) {
      problems.add("crossdistill.stream.input-topic: must differ from the output and dead-letter topics");
    }
    if (stream.groupId().isBlank()) {
      problems.add("crossdistill.stream.group-id: must not be blank");
    }
    if (stream.maxPollRecords() < 1) {
      problems.add("crossdistill.stream.max-poll-records: must be at least 1, got " + stream.maxPollRecords());
    }
  }
}
