package io.crossdistill.schemas;

/**
 * Builds JSON pointers (RFC 6901) for {@link Problem}s, so that every problem names the exact field: a
 * member name is one reference token, with {@code ~} written {@code ~0} and {@code /} written {@code ~1}.
 */
public final class JsonPointers {

  private JsonPointers() {
  }

  /** {@code base/token}, with {@code ~} and {@code /} in the member name escaped. */
  public static String child(String base, String token) {
    return base + "/" + token.replace("~", "~0").replace("/", "~1");
  }

  /** {@code base/index}, the pointer of an array element. */
  public static String child(String base, int index) {
    return base + "/" + index;
  }
}
