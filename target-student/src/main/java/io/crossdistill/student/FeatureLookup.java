package io.crossdistill.student;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A table of vectors keyed by an id feature, looked up as student inputs: e.g. the teacher's
 * representation of each user, computed once offline and stored with the label set, so that serving
 * reads a table instead of calling the teacher. Ids the table does not hold get the default vector. The
 * vectors are standardised per dimension (mean and standard deviation over the table's entries) when
 * the table is built.
 */
public final class FeatureLookup {

  private final String idFeature;
  private final int dimension;
  private final Map<Long, float[]> vectors;
  private final float[] fallback;

  private FeatureLookup(String idFeature, int dimension, Map<Long, float[]> vectors, float[] fallback) {
    this.idFeature = idFeature;
    this.dimension = dimension;
    this.vectors = vectors;
    this.fallback = fallback;
  }

  /**
   * A standardised lookup over {@code vectors}; the default of an unknown id is the all-zero vector,
   * i.e. the entries' mean.
   *
   * @throws IllegalArgumentException when the table is empty or vectors differ in length or hold non-finite values
   */
  public static FeatureLookup standardised(String idFeature, Map<Long, float[]> vectors) {
    Objects.requireNonNull(idFeature, "idFeature");
    if (vectors.isEmpty()) {
      throw new IllegalArgumentException("lookup '" + idFeature + "' has no entries");
    }
    int dim = vectors.values().iterator().next().length;
    double[] sum = new double[dim];
    double[] sumSq = new double[dim];
    for (Map.Entry<Long, float[]> e : vectors.entrySet()) {
      float[] v = e.getValue();
      if (v.length != dim) {
        throw new IllegalArgumentException("lookup '" + idFeature + "': id " + e.getKey() + " has " + v.length
            + " values, others " + dim);
      }
      for (int i = 0; i < dim; i++) {
        if (!Float.isFinite(v[i])) {
          throw new IllegalArgumentException("lookup '" + idFeature + "': id " + e.getKey() + " value " + i + " is " + v[i]);
        }
        sum[i] += v[i];
        sumSq[i] += (double) v[i] * v[i];
      }
    }
    int n = vectors.size();
    float[] mean = new float[dim];
    float[] std = new float[dim];
    for (int i = 0; i < dim; i++) {
      double m = sum[i] / n;
      double var = Math.max(0, sumSq[i] / n - m * m);
      mean[i] = (float) m;
      std[i] = (float) (var > 1e-12 ? Math.sqrt(var) : 1);
    }
    Map<Long, float[]> scaled = new HashMap<>();
    vectors.forEach((id, v) -> {
      float[] s = new float[dim];
      for (int i = 0; i < dim; i++) {
        s[i] = (v[i] - mean[i]) / std[i];
      }
      scaled.put(id, s);
    });
    return new FeatureLookup(idFeature, dim, scaled, new float[dim]);
  }

  /** The id feature that keys the table. */
  public String idFeature() {
    return idFeature;
  }

  /** Length of every vector. */
  public int dimension() {
    return dimension;
  }

  /** Number of ids held. */
  public int size() {
    return vectors.size();
  }

  /** The vector of an id (the default when the id is absent or not held); do not modify it. */
  float[] vector(Long id) {
    float[] v = id == null ? null : vectors.get(id);
    return v == null ? fallback : v;
  }
}
