package io.crossdistill.mapper.internal;

import org.apache.avro.util.Utf8;

/**
 * Hashes that do not depend on the JVM, the run or the string representation: longs through the
 * murmur3 finalizer, strings as FNV-1a over their UTF-8 bytes (computed from a {@link String}'s chars
 * without encoding it into a new array, or from a {@link Utf8}'s bytes directly).
 */
final class StableHash {

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private StableHash() {
  }

  /** The murmur3 64-bit finalizer. */
  static long mix(long x) {
    x ^= x >>> 33;
    x *= 0xff51afd7ed558ccdL;
    x ^= x >>> 33;
    x *= 0xc4ceb9fe1a85ec53L;
    x ^= x >>> 33;
    return x;
  }

  /** Bucket of a long in {@code [0, buckets)}. */
  static long bucket(long value, long buckets) {
    return Math.floorMod(mix(value), buckets);
  }

  /** Bucket of a string in {@code [0, buckets)}; equal text gives an equal bucket whatever its class. */
  static long bucket(CharSequence text, long buckets) {
    return Math.floorMod(mix(utf8Fnv(text)), buckets);
  }

  static long utf8Fnv(CharSequence text) {
    long h = FNV_OFFSET;
    if (text instanceof Utf8 utf8) {
      byte[] bytes = utf8.getBytes();
      for (int i = 0, n = utf8.getByteLength(); i < n; i++) {
        h = (h ^ (bytes[i] & 0xff)) * FNV_PRIME;
      }
      return h;
    }
    for (int i = 0, n = text.length(); i < n; i++) {
      int c = text.charAt(i);
      if (Character.isHighSurrogate((char) c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
        c = Character.toCodePoint((char) c, text.charAt(++i));
      } else if (Character.isSurrogate((char) c)) {
        c = '?'; // what String.getBytes(UTF_8) writes for a lone surrogate
      }
      if (c < 0x80) {
        h = (h ^ c) * FNV_PRIME;
      } else if (c < 0x800) {
        h = (h ^ (0xc0 | (c >> 6))) * FNV_PRIME;
        h = (h ^ (0x80 | (c & 0x3f))) * FNV_PRIME;
      } else if (c < 0x10000) {
        h = (h ^ (0xe0 | (c >> 12))) * FNV_PRIME;
        h = (h ^ (0x80 | ((c >> 6) & 0x3f))) * FNV_PRIME;
        h = (h ^ (0x80 | (c & 0x3f))) * FNV_PRIME;
      } else {
        h = (h ^ (0xf0 | (c >> 18))) * FNV_PRIME;
        h = (h ^ (0x80 | ((c >> 12) & 0x3f))) * FNV_PRIME;
        h = (h ^ (0x80 | ((c >> 6) & 0x3f))) * FNV_PRIME;
        h = (h ^ (0x80 | (c & 0x3f))) * FNV_PRIME;
      }
    }
    return h;
  }
}
