package io.crossdistill.labelling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Label sets under one root directory, one directory per {@link LabelSetKey} ({@code <root>/<key id>/}),
 * each holding sharded Avro container files of labels and dead letters and a {@code manifest.json}
 * (see docs/label-store.md). Every student, service instance and job that names the same key finds the
 * same set; a set without a manifest is a job still running or one that was killed, and is resumed by the
 * next job with its key.
 */
public final class LabelStore {

  private final Path root;

  public LabelStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** The directory of the set {@code key} names, complete or not. */
  public Path dir(LabelSetKey key) {
    return root.resolve(key.id());
  }

  /** The complete set {@code key} names, if one was made. */
  public Optional<StoredLabelSet> find(LabelSetKey key) {
    return byId(key.id());
  }

  /** The complete set with id {@code id}, if there is one. */
  public Optional<StoredLabelSet> byId(String id) {
    if (!id.matches("[0-9a-f]{32}")) {
      return Optional.empty();
    }
    Path dir = root.resolve(id);
    return Files.isRegularFile(dir.resolve(LabelSetManifest.FILE)) ? Optional.of(StoredLabelSet.open(dir))
        : Optional.empty();
  }

  /** Every complete set, by id. */
  public List<StoredLabelSet> list() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<StoredLabelSet> sets = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.sorted(Comparator.comparing(Path::toString)).toList()) {
        if (Files.isRegularFile(dir.resolve(LabelSetManifest.FILE))) {
          sets.add(StoredLabelSet.open(dir));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the label store " + root + ": " + e.getMessage(), e);
    }
    return sets;
  }

  /** Counts one more job that asked for the set and got it without labelling; returns the updated manifest. */
  synchronized LabelSetManifest recordReuse(StoredLabelSet set) {
    LabelSetManifest updated = LabelSetManifest.read(set.dir()).reused();
    AtomicFiles.write(set.dir().resolve(LabelSetManifest.FILE), updated.toJson());
    return updated;
  }

  /** Writes the manifest that completes a set. */
  void complete(Path dir, LabelSetManifest manifest) {
    AtomicFiles.write(dir.resolve(LabelSetManifest.FILE), manifest.toJson());
  }
}
