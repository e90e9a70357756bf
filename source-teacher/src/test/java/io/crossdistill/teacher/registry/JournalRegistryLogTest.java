package io.crossdistill.teacher.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalRegistryLogTest {

  @TempDir
  Path dir;

  private VersionedRegistry open(Path file) {
    return new VersionedRegistry(new JournalRegistryLog(file), Clock.systemUTC()).open();
  }

  private static Registration put(VersionedRegistry registry, String name, String team, String body) {
    return registry.register(ResourceKind.MAPPING, name, team, "hash-" + body, body, Map.of("k", body), p -> { });
  }

  @Test
  void contents_surviveCloseAndReopen() {
    Path file = dir.resolve("registry.journal");
    try (VersionedRegistry registry = open(file)) {
      assertThat(put(registry, "m", "music", "a").version().version()).isEqualTo(1);
      assertThat(put(registry, "m", "music", "b").version().version()).isEqualTo(2);
      assertThat(put(registry, "m", "music", "a").created()).isFalse();
      registry.deprecate(ResourceKind.MAPPING, "m", 2, "music");
      put(registry, "other", "podcast", "c");
    }
    try (VersionedRegistry reopened = open(file)) {
      assertThat(reopened.versions(ResourceKind.MAPPING, "m")).extracting(Version::body).containsExactly("a", "b");
      assertThat(reopened.get(ResourceKind.MAPPING, "m", 2).orElseThrow().deprecated()).isTrue();
      assertThat(reopened.latest(ResourceKind.MAPPING, "m").orElseThrow().version()).isEqualTo(1);
      assertThat(reopened.get(ResourceKind.MAPPING, "m", 1).orElseThrow().attributes()).containsEntry("k", "a");
      assertThat(reopened.owner(ResourceKind.MAPPING, "other")).contains("podcast");
      assertThat(reopened.names(ResourceKind.MAPPING, Optional.of("music"))).containsExactly("m");
      // numbering goes on where it stopped
      assertThat(put(reopened, "m", "music", "d").version().version()).isEqualTo(3);
    }
  }

  @Test
  void anotherTeamsName_isRefused() {
    try (VersionedRegistry registry = open(dir.resolve("j"))) {
      put(registry, "m", "music", "a");
      assertThatThrownBy(() -> put(registry, "m", "podcast", "b")).isInstanceOf(OwnershipException.class);
      assertThatThrownBy(() -> registry.deprecate(ResourceKind.MAPPING, "m", 1, "podcast"))
          .isInstanceOf(OwnershipException.class);
    }
  }

  @Test
  void refusedByPreviousVersionCheck_writesNothing() {
    Path file = dir.resolve("j");
    try (VersionedRegistry registry = open(file)) {
      put(registry, "m", "music", "a");
      assertThatThrownBy(() -> registry.register(ResourceKind.MAPPING, "m", "music", "h2", "b", Map.of(), previous -> {
        assertThat(previous).map(Version::body).contains("a");
        throw new IllegalArgumentException("incompatible");
      })).hasMessage("incompatible");
    }
    try (VersionedRegistry reopened = open(file)) {
      assertThat(reopened.versions(ResourceKind.MAPPING, "m")).hasSize(1);
    }
  }

  @Test
  void tornLastEntry_isDroppedWithAWarning_andTheJournalStaysUsable() throws IOException {
    Path file = dir.resolve("j");
    try (VersionedRegistry registry = open(file)) {
      put(registry, "m", "music", "a");
      put(registry, "m", "music", "b");
    }
    long size = Files.size(file);
    // kill -9 in the middle of the second write: cut the file inside the last entry
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(size - 7);
    }
    try (VersionedRegistry reopened = open(file)) {
      assertThat(reopened.versions(ResourceKind.MAPPING, "m")).extracting(Version::body).containsExactly("a");
      assertThat(put(reopened, "m", "music", "c").version().version()).isEqualTo(2);
    }
    try (VersionedRegistry again = open(file)) {
      assertThat(again.versions(ResourceKind.MAPPING, "m")).extracting(Version::body).containsExactly("a", "c");
    }
  }

  @Test
  void lastEntryWithBadChecksum_isDropped() throws IOException {
    Path file = dir.resolve("j");
    try (VersionedRegistry registry = open(file)) {
      put(registry, "m", "music", "a");
      put(registry, "m", "music", "b");
    }
    flipLastByte(file);
    try (VersionedRegistry reopened = open(file)) {
      assertThat(reopened.versions(ResourceKind.MAPPING, "m")).hasSize(1);
    }
  }

  @Test
  void tornHeaderAtTheTail_isDropped() throws IOException {
    Path file = dir.resolve("j");
    try (VersionedRegistry registry = open(file)) {
      put(registry, "m", "music", "a");
    }
    Files.write(file, new byte[] {0x43, 0x44, 0x52}, StandardOpenOption.APPEND);
    try (VersionedRegistry reopened = open(file)) {
      assertThat(reopened.versions(ResourceKind.MAPPING, "m")).hasSize(1);
    }
    assertThat(Files.size(file)).isGreaterThan(JournalRegistryLog.HEADER_BYTES);
  }

  @Test
  void damageBeforeTheLastEntry_refusesToOpen() throws IOException {
    Path file = dir.resolve("j");
    try (VersionedRegistry registry = open(file)) {
      put(registry, "m", "music", "a");
      put(registry, "m", "music", "b");
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      channel.read(one, JournalRegistryLog.HEADER_BYTES + 3);
      one.flip();
      byte b = one.get();
      channel.write(ByteBuffer.wrap(new byte[] {(byte) (b ^ 0x55)}), JournalRegistryLog.HEADER_BYTES + 3);
    }
    assertThatThrownBy(() -> open(file)).isInstanceOf(RegistryStorageException.class)
        .hasMessageContaining("damaged at offset 0");
  }

  private static void flipLastByte(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long last = channel.size() - 2;
      ByteBuffer one = ByteBuffer.allocate(1);
      channel.read(one, last);
      one.flip();
      channel.write(ByteBuffer.wrap(new byte[] {(byte) (one.get() ^ 0x01)}), last);
    }
  }
}
