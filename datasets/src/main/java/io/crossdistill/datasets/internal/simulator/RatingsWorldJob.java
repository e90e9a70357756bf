package io.crossdistill.datasets.internal.simulator;

import static io.crossdistill.datasets.internal.amazon.AmazonLoadJob.CROSS_TRAINFULL_FILE;
import static io.crossdistill.datasets.internal.amazon.AmazonLoadJob.CROSS_TRAIN_FILE;
import static io.crossdistill.datasets.internal.amazon.AmazonLoadJob.MUSIC_TEST_FILE;
import static io.crossdistill.datasets.internal.amazon.AmazonLoadJob.MUSIC_TRAINFULL_FILE;
import static io.crossdistill.datasets.internal.amazon.AmazonLoadJob.MUSIC_TRAIN_FILE;
import static io.crossdistill.datasets.internal.amazon.AmazonLoadJob.MUSIC_VALID_FILE;

import io.crossdistill.datasets.RatingsWorldConfig;
import io.crossdistill.datasets.RatingsWorldSummary;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of the ratings world: draws both domains, fixes each domain's rating scale, then streams the
 * rows into the six files of the ratings layout (users in id order, each user's rows in draw order);
 * the file names are {@link io.crossdistill.datasets.internal.amazon.AmazonLoadJob}'s, the reader's.
 */
public final class RatingsWorldJob {

  /** Target rating shares 1★..5★: the amazon-movie-music music rows, rounded. */
  static final double[] TARGET_SHARES = {0.05, 0.05, 0.11, 0.26, 0.53};
  /** Source rating shares 1★..5★: the amazon-movie-music movie rows, rounded. */
  static final double[] SOURCE_SHARES = {0.057, 0.075, 0.145, 0.267, 0.456};

  private static final int TARGET = 0;
  private static final int SOURCE = 1;
  private static final int TRAIN = 0;
  private static final int VALID = 1;
  private static final int TEST = 2;

  private final RatingsWorldConfig config;
  private final RatingsDomain target;
  private final RatingsDomain source;

  /** Draws the world of {@code config}. */
  public RatingsWorldJob(RatingsWorldConfig config) {
    this.config = config;
    this.target = new RatingsDomain(config, true);
    this.source = new RatingsDomain(config, false);
  }

  /** Writes the six files into {@code dir} (created if needed; existing files are replaced). */
  public RatingsWorldSummary run(Path dir) {
    double[] targetCuts = cutPoints(target, config.targetRows(), TARGET_SHARES);
    double[] sourceCuts = cutPoints(source, config.sourceRows(), SOURCE_SHARES);
    long[] targetHistogram = new long[5];
    long[] sourceHistogram = new long[5];
    Map<String, RowFile> files = new LinkedHashMap<>();
    try {
      Files.createDirectories(dir);
      try (RowFile crossTrain = new RowFile(dir, CROSS_TRAIN_FILE, files);
          RowFile crossTrainfull = new RowFile(dir, CROSS_TRAINFULL_FILE, files);
          RowFile musicTrain = new RowFile(dir, MUSIC_TRAIN_FILE, files);
          RowFile musicValid = new RowFile(dir, MUSIC_VALID_FILE, files);
          RowFile musicTrainfull = new RowFile(dir, MUSIC_TRAINFULL_FILE, files);
          RowFile musicTest = new RowFile(dir, MUSIC_TEST_FILE, files)) {
        double validEnd = 1 - config.testFraction();
        double trainEnd = validEnd - config.validFraction();
        target.forEachRow((user, item, score, first, rng) -> {
          // a user's first row always trains, so every user is known to a target model
          double u = rng.nextDouble();
          int split = first || u < trainEnd ? TRAIN : u < validEnd ? VALID : TEST;
          int rating = rating(score, targetCuts);
          targetHistogram[rating - 1]++;
          String line = line(user, item, rating, TARGET);
          if (split == TEST) {
            musicTest.append(line);
            return;
          }
          (split == TRAIN ? musicTrain : musicValid).append(line);
          musicTrainfull.append(line);
          crossTrainfull.append(line);
          if (split == TRAIN) {
            crossTrain.append(line);
          }
        });
        source.forEachRow((user, item, score, first, rng) -> {
          int rating = rating(score, sourceCuts);
          sourceHistogram[rating - 1]++;
          String line = line(user, item, rating, SOURCE);
          crossTrain.append(line);
          crossTrainfull.append(line);
        });
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the ratings world into " + dir, e);
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    files.forEach((name, file) -> counts.put(name, file.rows));
    return new RatingsWorldSummary(dir, config, counts, boxed(targetHistogram), boxed(sourceHistogram));
  }

  /** Scores at the cumulative shares of all the domain's rows: 1★ below the first, 5★ above the last. */
  private static double[] cutPoints(RatingsDomain domain, int rowCount, double[] shares) {
    double[] scores = new double[rowCount];
    int[] next = {0};
    domain.forEachRow((user, item, score, first, rng) -> scores[next[0]++] = score);
    Arrays.sort(scores);
    double[] cuts = new double[shares.length - 1];
    double cumulative = 0;
    for (int k = 0; k < cuts.length; k++) {
      cumulative += shares[k];
      cuts[k] = scores[(int) Math.min(rowCount - 1, Math.round(cumulative * rowCount))];
    }
    return cuts;
  }

  static int rating(double score, double[] cuts) {
    int rating = 1;
    for (double cut : cuts) {
      if (score >= cut) {
        rating++;
      }
    }
    return rating;
  }

  private static String line(int user, int item, int rating, int domain) {
    return user + "\t" + item + "\t" + rating + ".0\t" + domain + "\n";
  }

  /** One output file: a buffered writer that counts its lines. */
  private static final class RowFile implements Closeable {
    private final Path path;
    private final BufferedWriter out;
    private long rows;

    RowFile(Path dir, String name, Map<String, RowFile> files) throws IOException {
      this.path = dir.resolve(name);
      this.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
      files.put(name, this);
    }

    void append(String line) {
      try {
        out.write(line);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + path, e);
      }
      rows++;
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  private static List<Long> boxed(long[] values) {
    List<Long> list = new ArrayList<>(values.length);
    for (long v : values) {
      list.add(v);
    }
    return List.copyOf(list);
  }
}
