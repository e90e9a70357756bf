package io.crossdistill.teacher.service;

import io.crossdistill.schemas.ContentHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Content hashes of canonical bodies: equal specs hash equal, so registering one twice is a no-op. */
final class Canonical {

  private Canonical() {
  }

  static String hash(String canonicalText) {
    MessageDigest digest = ContentHash.sha256();
    digest.update(canonicalText.getBytes(StandardCharsets.UTF_8));
    return ContentHash.hex(digest);
  }
}
