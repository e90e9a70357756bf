package io.crossdistill.mapper;

/**
 * When the coverage report flags an input.
 *
 * @param psi               population stability index above which a numeric input is flagged (0.2 is the
 *                          usual "significant shift")
 * @param ks                Kolmogorov-Smirnov statistic above which a numeric input is flagged
 * @param defaultedFraction fraction of defaulted records above which any input is flagged
 */
public record DriftThresholds(double psi, double ks, double defaultedFraction) {

  public DriftThresholds {
    if (!(psi >= 0) || !(ks >= 0) || !(defaultedFraction >= 0)) {
      throw new IllegalArgumentException("thresholds must be non-negative numbers");
    }
  }

  /** PSI 0.2, KS 0.1, defaulted 0.4. */
  public static DriftThresholds defaults() {
    return new DriftThresholds(0.2, 0.1, 0.4);
  }
}
