package io.crossdistill.datasets;

import io.crossdistill.datasets.internal.simulator.SimulationJob;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;

/**
 * A deterministic synthetic cross-domain world: a large video (source) domain and a small, data-starved
 * music (target) domain whose users partly overlap and whose tastes are related but not identical. The
 * generative story, its defaults and its knobs are in {@code docs/simulator.md}. The same configuration
 * (seed included) writes byte-identical files.
 *
 * <p>Video examples carry {@code user_id, item_id, genre, popularity, user_activity} plus the source-only
 * features chosen by {@link SimulatorConfig#missingTeacherFeatureFraction()}; tasks {@code click, like,
 * watch_time, continue_watching}. Music examples carry the five shared features; tasks {@code click,
 * like, listen_time, discovery}.
 */
public final class CrossDomainSimulator {

  private final SimulatorConfig config;
  private final SimulationJob job;

  /** Draws the latent world of {@code config} (users, items, genres); events are drawn by {@link #generate}. */
  public CrossDomainSimulator(SimulatorConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.job = new SimulationJob(config);
  }

  /** The configuration. */
  public SimulatorConfig config() {
    return config;
  }

  /** Schema of the video (source) domain. */
  public DomainSchema sourceSchema() {
    return job.sourceSchema();
  }

  /** Schema of the music (target) domain. */
  public DomainSchema targetSchema() {
    return job.targetSchema();
  }

  /**
   * Which video genre each music genre corresponds to: music genre id → video genre id. The two
   * vocabularies describe the same genre concepts under a seeded permutation of ids, which a feature
   * mapping must apply to translate music {@code genre} into the teacher's.
   */
  public Map<Long, Long> genreCorrespondence() {
    return Collections.unmodifiableMap(job.genreCorrespondence());
  }

  /** Writes the five split files into {@code outputDir}, without progress reports. */
  public CrossDomainData generate(Path outputDir) {
    return generate(outputDir, ProgressListener.none());
  }

  /** Writes the five split files into {@code outputDir} (created if needed; existing splits are replaced). */
  public CrossDomainData generate(Path outputDir, ProgressListener progress) {
    Objects.requireNonNull(outputDir, "outputDir");
    Objects.requireNonNull(progress, "progress");
    return job.run(outputDir, progress);
  }
}
