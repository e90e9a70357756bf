package io.crossdistill.datasets;

import io.crossdistill.datasets.internal.amazon.AmazonLoadJob;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Turns a directory of Amazon movie/music ratings (the amazon-movie-music TSV layout, see
 * {@code docs/data.md}) into a {@link CrossDomainData}: movies are the source domain, music the target.
 * Each example carries {@code user_id}, {@code item_id} and leakage-free user and item rating statistics;
 * source tasks are {@code love}, {@code rating}, {@code like}, target tasks {@code love}, {@code rating},
 * {@code dislike}. Files are streamed twice (statistics, then writing); memory grows with the number of
 * users and items, not rows.
 */
public final class AmazonRatingsLoader {

  /** Name of the source domain's examples. */
  public static final String SOURCE_DOMAIN = "movie";
  /** Name of the target domain's examples. */
  public static final String TARGET_DOMAIN = "music";

  private final AmazonRatingsConfig config;

  /** A loader with the given settings. */
  public AmazonRatingsLoader(AmazonRatingsConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * The problems that keep {@code dir} from being read as the ratings layout (a missing file each);
   * empty when every file the loader reads is there. Lets a command say so before any work starts.
   */
  public static java.util.List<String> layoutProblems(Path dir) {
    return AmazonLoadJob.missingFiles(dir);
  }

  /** The settings. */
  public AmazonRatingsConfig config() {
    return config;
  }

  /** Writes the five split files into {@code outputDir}, without progress reports. */
  public CrossDomainData load(Path outputDir) {
    return load(outputDir, ProgressListener.none());
  }

  /**
   * Writes the five split files into {@code outputDir} (created if needed; existing split files are
   * replaced).
   *
   * @throws DatasetException if an input file is missing
   * @throws MalformedLineException if a line cannot be parsed (names file and line)
   */
  public CrossDomainData load(Path outputDir, ProgressListener progress) {
    Objects.requireNonNull(outputDir, "outputDir");
    Objects.requireNonNull(progress, "progress");
    return new AmazonLoadJob(config).run(outputDir, progress);
  }
}
