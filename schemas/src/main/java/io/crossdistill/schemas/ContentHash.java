package io.crossdistill.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * SHA-256 content hashes (lower-case hex) of files and directories, used for teacher ids, input data
 * hashes and label manifests in provenance records.
 */
public final class ContentHash {

  private ContentHash() {
  }

  /** A fresh SHA-256 digest. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** Hex of a digest's result. */
  public static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Hash of one file's bytes. */
  public static String ofFile(Path file) {
    MessageDigest digest = sha256();
    update(digest, file);
    return hex(digest);
  }

  /**
   * Hash of a directory tree: relative paths (sorted) and contents of every regular file, except the
   * names listed in {@code excluded} (e.g. the file that records the hash itself).
   */
  public static String ofDirectory(Path dir, List<String> excluded) {
    MessageDigest digest = sha256();
    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> sorted = files.filter(Files::isRegularFile)
          .filter(p -> !excluded.contains(p.getFileName().toString()))
          .sorted()
          .toList();
      for (Path file : sorted) {
        digest.update(dir.relativize(file).toString().replace('\\', '/').getBytes(java.nio.charset.StandardCharsets.UTF_8));
        digest.update((byte) 0);
        update(digest, file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hash " + dir, e);
    }
    return hex(digest);
  }

  private static void update(MessageDigest digest, Path file) {
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hash " + file, e);
    }
  }
}
