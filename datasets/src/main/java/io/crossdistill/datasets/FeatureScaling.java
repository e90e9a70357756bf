package io.crossdistill.datasets;

import io.crossdistill.v1.Example;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A domain's feature engineering: mean and standard deviation of every FLOAT feature of its training
 * data. The teacher consumes standardised values, so a mapping from another domain applies the same
 * {@code standardize(mean, std)} to the counterpart field.
 *
 * @param scales per float feature name, {mean, std}
 */
public record FeatureScaling(Map<String, double[]> scales) {

  /** Fits the scaling of every FLOAT feature of {@code schema} on {@code examples} (one pass). */
  public static FeatureScaling fit(DomainSchema schema, Iterable<Example> examples) {
    Map<String, double[]> acc = new LinkedHashMap<>();
    for (FeatureDef f : schema.features()) {
      if (f.kind() == FeatureKind.FLOAT) {
        acc.put(f.name(), new double[3]);
      }
    }
    for (Example e : examples) {
      for (Map.Entry<String, double[]> entry : acc.entrySet()) {
        Float v = e.getFloatFeatures().get(entry.getKey());
        if (v != null && Float.isFinite(v)) {
          double[] a = entry.getValue();
          a[0]++;
          a[1] += v;
          a[2] += (double) v * v;
        }
      }
    }
    Map<String, double[]> scales = new LinkedHashMap<>();
    acc.forEach((name, a) -> {
      double mean = a[0] == 0 ? 0 : a[1] / a[0];
      double var = a[0] == 0 ? 1 : Math.max(0, a[2] / a[0] - mean * mean);
      scales.put(name, new double[] {mean, var > 1e-12 ? Math.sqrt(var) : 1.0});
    });
    return new FeatureScaling(scales);
  }

  /** Mean of a float feature. */
  public double mean(String feature) {
    return scale(feature)[0];
  }

  /** Standard deviation of a float feature (1 when constant). */
  public double std(String feature) {
    return scale(feature)[1];
  }

  /** Whether the feature was fitted. */
  public boolean has(String feature) {
    return scales.containsKey(feature);
  }

  private double[] scale(String feature) {
    double[] s = scales.get(feature);
    if (s == null) {
      throw new IllegalArgumentException("no float feature " + feature + " (have " + scales.keySet() + ")");
    }
    return s;
  }
}
