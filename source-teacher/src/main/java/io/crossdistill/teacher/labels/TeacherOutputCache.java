package io.crossdistill.teacher.labels;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.crossdistill.labelling.ForwardCache;
import java.util.Optional;

/**
 * Teacher outputs by (teacher hash, mapping version, mapped-row hash), bounded by an approximate byte
 * weight. The row hash is 128 bits of SHA-256 over the mapped row's bytes, so equal rows share an
 * answer and a collision is not a practical concern. Hits, misses and evictions are exported as
 * {@code cache_*{cache="teacher-outputs"}} metrics.
 */
public final class TeacherOutputCache implements ForwardCache {

  private final Optional<Cache<Key, float[]>> cache;

  public TeacherOutputCache(boolean enabled, long maxBytes, MeterRegistry meters) {
    if (enabled && maxBytes > 0) {
      Cache<Key, float[]> built = Caffeine.newBuilder()
          .maximumWeight(maxBytes)
          .weigher((Key k, float[] v) -> 96 + 2 * (k.teacherHash().length() + k.mapping().length()) + 16 + 4 * v.length)
          .recordStats()
          .build();
      CaffeineCacheMetrics.monitor(meters, built, "teacher-outputs");
      this.cache = Optional.of(built);
    } else {
      this.cache = Optional.empty();
    }
  }

  public boolean enabled() {
    return cache.isPresent();
  }

  @Override
  public float[] get(Key key) {
    return cache.map(c -> c.getIfPresent(key)).orElse(null);
  }

  @Override
  public void put(Key key, float[] outputs) {
    cache.ifPresent(c -> c.put(key, outputs));
  }

  /** Hit rate since start (0 when nothing was asked). */
  public double hitRate() {
    return cache.map(c -> c.stats().hitRate()).orElse(0.0);
  }

  public void clear() {
    cache.ifPresent(Cache::invalidateAll);
  }
}
