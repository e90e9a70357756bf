package io.crossdistill.datasets;

import io.crossdistill.datasets.internal.simulator.RatingsWorldJob;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A deterministic simulated cross-domain world written in the ratings layout of
 * {@code amazon-movie-music} (six TSV files, {@code user TAB item TAB rating TAB domain}; domain 0 =
 * music target, 1 = movie source), so that {@link AmazonRatingsLoader} and everything else that reads
 * that layout runs on it unchanged. Users are shared by both domains and their tastes are partly
 * shared ({@link RatingsWorldConfig#sharedTaste()}). The generative story is in
 * {@code docs/simulator.md}. The same configuration (seed included) writes byte-identical files.
 */
public final class RatingsWorld {

  private final RatingsWorldConfig config;

  /** A world with the given settings. */
  public RatingsWorld(RatingsWorldConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** The settings. */
  public RatingsWorldConfig config() {
    return config;
  }

  /**
   * Writes the six files into {@code dir} (created if needed; existing files of the layout are
   * replaced) and returns their row counts and rating histograms.
   *
   * @throws java.io.UncheckedIOException if a file cannot be written
   */
  public RatingsWorldSummary write(Path dir) {
    Objects.requireNonNull(dir, "dir");
    return new RatingsWorldJob(config).run(dir);
  }
}
