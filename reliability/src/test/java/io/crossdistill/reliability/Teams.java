package io.crossdistill.reliability;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The suite's three teams and their keys: {@code music} (owns everything the suite registers),
 * {@code podcast} (another team, to try music's resources with) and {@code ops} (an operator). The
 * service is configured with the keys' SHA-256 only, as in production.
 */
public enum Teams {
  MUSIC("reliability-music-key"),
  PODCAST("reliability-podcast-key"),
  OPS("reliability-ops-key");

  private final String key;

  Teams(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  public String team() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The {@code -D} settings that configure every team. */
  public static List<String> settings() {
    return List.of(
        "-Dcrossdistill.teams.music.api-key-sha256=" + sha256(MUSIC.key),
        "-Dcrossdistill.teams.podcast.api-key-sha256=" + sha256(PODCAST.key),
        "-Dcrossdistill.teams.ops.api-key-sha256=" + sha256(OPS.key),
        "-Dcrossdistill.teams.ops.operator=true");
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
