package io.crossdistill.teacher.registry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Versioned, immutable resources (teachers, schemas, mappings, alignments) over a {@link RegistryLog}.
 * A name belongs to the team that registered it first; every new body makes the next version; an
 * identical body (same content hash) returns the version that already holds it; a version is never
 * changed, only deprecated (hidden from {@link #latest}). The state is the fold of the log, so it is
 * rebuilt identically at every start and on every instance that shares a Kafka log.
 *
 * <p>Two instances may race for the same next version on a shared log: the record read back first
 * wins, the loser re-states the winner (a {@code REPAIR} record, so that a compacted topic, which
 * keeps the last record per key, keeps the winner) and tries the next version.
 */
public final class VersionedRegistry implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(VersionedRegistry.class);
  private static final int MAX_RACE_RETRIES = 16;

  private record Key(ResourceKind kind, String name) {
  }

  private final RegistryLog log;
  private final Clock clock;
  private final Map<Key, TreeMap<Integer, Version>> state = new HashMap<>();
  private final ReentrantLock writeLock = new ReentrantLock();

  public VersionedRegistry(RegistryLog log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  /** Reads the log; returns when the registry holds everything in it. */
  public VersionedRegistry open() {
    log.open(this::apply);
    LOG.infof("registry: %s, %d resource(s), %d version(s)", log.describe(), state.size(), size());
    return this;
  }

  private synchronized int size() {
    return state.values().stream().mapToInt(Map::size).sum();
  }

  private synchronized void apply(RegistryEntry entry) {
    TreeMap<Integer, Version> versions = state.computeIfAbsent(new Key(entry.kind(), entry.name()), k -> new TreeMap<>());
    Version existing = versions.get(entry.version());
    switch (entry.op()) {
      case PUT -> {
        if (existing == null) {
          versions.put(entry.version(), Version.of(entry));
        }
        // otherwise another writer won this version first: a version never changes
      }
      case REPAIR -> {
        boolean deprecated = existing != null && existing.deprecated();
        Version winner = Version.of(entry);
        versions.put(entry.version(), deprecated ? winner.deprecate() : winner);
      }
      case DEPRECATE -> {
        if (existing != null) {
          versions.put(entry.version(), existing.deprecate());
        }
      }
      default -> throw new IllegalStateException("unknown op " + entry.op());
    }
  }

  /**
   * Registers {@code body} under {@code kind/name} for {@code owner}.
   *
   * @param checkAgainstPrevious sees the latest version before the new one is made (empty for the first)
   *     and throws to refuse it, e.g. for an incompatible schema
   * @throws OwnershipException when another team owns the name
   */
  public Registration register(ResourceKind kind, String name, String owner, String contentHash, String body,
      Map<String, String> attributes, Consumer<Optional<Version>> checkAgainstPrevious) {
    writeLock.lock();
    try {
      for (int attempt = 0; attempt < MAX_RACE_RETRIES; attempt++) {
        Preview preview = preview(kind, name, owner, contentHash);
        if (preview.same().isPresent()) {
          return new Registration(preview.same().get(), false);
        }
        checkAgainstPrevious.accept(preview.previous());
        int next = preview.next();
        RegistryEntry entry = new RegistryEntry(RegistryEntry.Op.PUT, kind, name, next, owner, contentHash, body,
            attributes, clock.millis(), UUID.randomUUID().toString());
        log.append(entry);
        Version stored = get(kind, name, next).orElseThrow(() -> new RegistryStorageException(
            "registry log did not apply " + entry.key()));
        if (stored.contentHash().equals(contentHash) && stored.owner().equals(owner)) {
          return new Registration(stored, true);
        }
        LOG.infof("registry: lost the race for %s to another instance; re-stating the winner and retrying", entry.key());
        log.append(new RegistryEntry(RegistryEntry.Op.REPAIR, kind, name, next, stored.owner(), stored.contentHash(),
            stored.body(), stored.attributes(), stored.createdAt(), UUID.randomUUID().toString()));
      }
      throw new RegistryStorageException("could not register " + kind.label() + " '" + name + "' after "
          + MAX_RACE_RETRIES + " races with other instances");
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * What {@link #register} would do with a body of {@code contentHash} now, without doing it: the version
   * that already holds it, or else the latest version (the next one follows it).
   *
   * @param same the version holding an identical body, if any
   * @param previous the latest version, deprecated or not, if any
   */
  public record Preview(Optional<Version> same, Optional<Version> previous) {

    /** The number a new version would get. */
    public int next() {
      return previous.map(v -> v.version() + 1).orElse(1);
    }
  }

  /**
   * What registering a body of {@code contentHash} under {@code kind/name} for {@code owner} would do now.
   *
   * @throws OwnershipException when another team owns the name
   */
  public Preview preview(ResourceKind kind, String name, String owner, String contentHash) {
    List<Version> versions = versions(kind, name);
    if (!versions.isEmpty() && !versions.get(0).owner().equals(owner)) {
      throw new OwnershipException(kind, name);
    }
    return new Preview(versions.stream().filter(v -> v.contentHash().equals(contentHash)).findFirst(),
        versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1)));
  }

  /** Hides a version from {@link #latest}; it stays readable by number. Idempotent. */
  public Version deprecate(ResourceKind kind, String name, int version, String owner) {
    writeLock.lock();
    try {
      Version existing = get(kind, name, version).orElseThrow(() -> new java.util.NoSuchElementException(
          kind.label() + " '" + name + "' has no version " + version));
      if (!existing.owner().equals(owner)) {
        throw new OwnershipException(kind, name);
      }
      if (!existing.deprecated()) {
        log.append(new RegistryEntry(RegistryEntry.Op.DEPRECATE, kind, name, version, owner, existing.contentHash(),
            "", Map.of(), clock.millis(), UUID.randomUUID().toString()));
      }
      return get(kind, name, version).orElseThrow();
    } finally {
      writeLock.unlock();
    }
  }

  public synchronized Optional<Version> get(ResourceKind kind, String name, int version) {
    TreeMap<Integer, Version> versions = state.get(new Key(kind, name));
    return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
  }

  /** The highest version that is not deprecated. */
  public synchronized Optional<Version> latest(ResourceKind kind, String name) {
    TreeMap<Integer, Version> versions = state.get(new Key(kind, name));
    if (versions == null) {
      return Optional.empty();
    }
    return versions.descendingMap().values().stream().filter(v -> !v.deprecated()).findFirst();
  }

  /** Every version, oldest first (deprecated ones included). */
  public synchronized List<Version> versions(ResourceKind kind, String name) {
    TreeMap<Integer, Version> versions = state.get(new Key(kind, name));
    return versions == null ? List.of() : List.copyOf(versions.values());
  }

  /** Names of one kind, sorted; with {@code owner} present, only that team's. */
  public synchronized List<String> names(ResourceKind kind, Optional<String> owner) {
    List<String> names = new ArrayList<>();
    state.forEach((key, versions) -> {
      if (key.kind() == kind && !versions.isEmpty()
          && owner.map(o -> o.equals(versions.firstEntry().getValue().owner())).orElse(true)) {
        names.add(key.name());
      }
    });
    names.sort(Comparator.naturalOrder());
    return names;
  }

  /** Owner of a name, if registered. */
  public synchronized Optional<String> owner(ResourceKind kind, String name) {
    TreeMap<Integer, Version> versions = state.get(new Key(kind, name));
    return versions == null || versions.isEmpty() ? Optional.empty() : Optional.of(versions.firstEntry().getValue().owner());
  }

  public String describe() {
    return log.describe();
  }

  @Override
  public void close() {
    log.close();
  }
}
