package io.crossdistill.datasets.internal;

import java.nio.charset.StandardCharsets;

/**
 * Seeded, platform-independent hashing of strings and numbers to 64-bit values and to uniform numbers
 * in [0, 1). Used for splits and samples that must be the same on every machine and in every pass over
 * a file, without keeping per-row state.
 */
public final class SeededHash {

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private SeededHash() {
  }

  /** The SplitMix64 finaliser: a bijective mix of all 64 bits. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Hash of a seed and a sequence of numbers. */
  public static long of(long seed, long... parts) {
    long h = mix(seed ^ 0x9e3779b97f4a7c15L);
    for (long part : parts) {
      h = mix(h ^ mix(part + 0x9e3779b97f4a7c15L));
    }
    return h;
  }

  /** Hash of a seed and a sequence of strings (UTF-8 bytes, each terminated so "ab","c" differs from "a","bc"). */
  public static long of(long seed, String... parts) {
    long h = FNV_OFFSET;
    for (String part : parts) {
      for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
        h = (h ^ (b & 0xff)) * FNV_PRIME;
      }
      h = (h ^ 0xff) * FNV_PRIME;
    }
    return of(seed, h);
  }

  /** Maps a hash to a uniform double in [0, 1) using its top 53 bits. */
  public static double unit(long hash) {
    return (hash >>> 11) * 0x1.0p-53;
  }
}
