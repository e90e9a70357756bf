package io.crossdistill.datasets.internal;

/**
 * A SplitMix64 random generator whose every output, including Gaussians, is defined here with
 * {@link StrictMath}, so a seed gives the same numbers on every JVM and platform (the JDK's generators
 * leave some algorithms, such as {@code nextGaussian} of newer generators, open to change).
 */
public final class DeterministicRandom {

  private long state;

  /** A generator started from {@code seed}. */
  public DeterministicRandom(long seed) {
    this.state = SeededHash.mix(seed);
  }

  /** The next 64 random bits. */
  public long nextLong() {
    state += 0x9e3779b97f4a7c15L;
    return SeededHash.mix(state);
  }

  /** Uniform in [0, 1). */
  public double nextDouble() {
    return SeededHash.unit(nextLong());
  }

  /** Uniform integer in [0, bound). */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    return (int) ((nextLong() >>> 33) % bound);
  }

  /** True with probability {@code p}. */
  public boolean bernoulli(double p) {
    return nextDouble() < p;
  }

  /** Standard normal by the Box–Muller transform (one value per call; the pair's second is dropped). */
  public double nextGaussian() {
    double u1 = 1.0 - nextDouble(); // (0, 1], so the log is finite
    double u2 = nextDouble();
    return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
  }

  /** Normal with the given mean and standard deviation. */
  public double nextGaussian(double mean, double sd) {
    return mean + sd * nextGaussian();
  }
}
