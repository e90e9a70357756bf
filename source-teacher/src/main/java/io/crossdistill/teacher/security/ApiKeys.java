package io.crossdistill.teacher.security;

import io.crossdistill.schemas.ContentHash;
import io.crossdistill.teacher.config.ServiceSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Team API keys, known only by their SHA-256: a presented key is hashed and compared in constant time
 * with every configured hash, so neither the configuration nor the memory of the service holds a key.
 */
@ApplicationScoped
public class ApiKeys {

  private final Map<String, String> teamByKeyHash;

  @Inject
  public ApiKeys(ServiceSettings settings) {
    this.teamByKeyHash = settings.teamByKeyHash();
  }

  /** The team whose key this is. */
  public Optional<String> teamOf(String apiKey) {
    MessageDigest digest = ContentHash.sha256();
    byte[] presented = digest.digest(apiKey.getBytes(StandardCharsets.UTF_8));
    String found = null;
    for (Map.Entry<String, String> entry : teamByKeyHash.entrySet()) {
      // compare against every hash, so the time taken does not say which team was close
      if (MessageDigest.isEqual(presented, HexFormat.of().parseHex(entry.getKey()))) {
        found = entry.getValue();
      }
    }
    return Optional.ofNullable(found);
  }

  /** The hash to configure for a key ({@code crossdistill.teams.<team>.api-key-sha256}). */
  public static String hash(String apiKey) {
    return HexFormat.of().formatHex(ContentHash.sha256().digest(apiKey.getBytes(StandardCharsets.UTF_8)));
  }
}
