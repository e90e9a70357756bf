package io.crossdistill.labelling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Byte-for-byte comparison of two label set directories, for the backfill tests. */
final class LabelSetFiles {

  private LabelSetFiles() {
  }

  /** The names of the files in {@code dir}, sorted. */
  static List<String> names(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The manifest without the two parts that depend on the run ({@code cost} and {@code reuse}), as JSON. */
  static String deterministicPart(LabelSetManifest m) {
    LabelSetManifest stripped = new LabelSetManifest(m.format(), m.id(), m.key(), m.input(), m.columns(),
        m.provenance(), m.counts(), m.shards(), m.labelSetHash(), m.coverage(), new LabelSetManifest.Cost(0, 0, 0),
        new LabelSetManifest.Reuse(0, 0));
    return new String(stripped.toJson(), java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * Asserts that the complete set in {@code actual} holds the same files as the one in {@code expected} (no
   * checkpoint, no partial file left), every shard file byte-identical, and the same manifest but for
   * {@code cost} and {@code reuse}.
   */
  static void assertSameSet(Path expected, Path actual) {
    List<String> names = names(expected);
    assertThat(names).contains(LabelSetManifest.FILE).doesNotContain(LabelSetWriter.CHECKPOINT);
    assertThat(names(actual)).as("files of the set in %s", actual).isEqualTo(names);
    for (String name : names) {
      if (!name.equals(LabelSetManifest.FILE)) {
        assertThat(actual.resolve(name)).as(name).hasSameBinaryContentAs(expected.resolve(name));
      }
    }
    assertThat(deterministicPart(LabelSetManifest.read(actual)))
        .isEqualTo(deterministicPart(LabelSetManifest.read(expected)));
    assertThat(StoredLabelSet.open(actual).verify()).isEmpty();
  }
}
