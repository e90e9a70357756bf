package io.crossdistill.teacher.rest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The settings a packaged service under {@code @QuarkusIntegrationTest} needs besides the data directory
 * and teachers root of {@code ServiceTestResource}: it runs in the prod profile, where the test profile's
 * teams do not exist, so the music and operator teams are configured here (their hashes computed from
 * the keys the tests send), and no demo teacher is trained on this bare start (the tests serve the
 * fixture teacher through the API, as an operator would).
 */
public class PackagedServiceResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    return Map.of(
        "crossdistill.teams.music.api-key-sha256", sha256(Fixtures.MUSIC_KEY),
        "crossdistill.teams.ops.api-key-sha256", sha256(Fixtures.OPS_KEY),
        "crossdistill.teams.ops.operator", "true",
        "crossdistill.teacher.train-on-first-start", "false");
  }

  @Override
  public void stop() {
    // nothing held
  }

  private static String sha256(String key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
