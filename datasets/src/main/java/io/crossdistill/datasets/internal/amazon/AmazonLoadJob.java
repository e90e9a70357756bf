package io.crossdistill.datasets.internal.amazon;

import io.crossdistill.datasets.AmazonRatingsConfig;
import io.crossdistill.datasets.AmazonRatingsLoader;
import io.crossdistill.datasets.CrossDomainData;
import io.crossdistill.datasets.DatasetException;
import io.crossdistill.datasets.DomainSchema;
import io.crossdistill.datasets.ProgressListener;
import io.crossdistill.datasets.Split;
import io.crossdistill.datasets.internal.ExampleBuilder;
import io.crossdistill.datasets.internal.SeededHash;
import io.crossdistill.datasets.internal.SplitWriters;
import io.crossdistill.datasets.internal.amazon.RatingStats.RowStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One run of the Amazon loader. Pass 1 streams every file to build the id vocabularies, decide each
 * row's split and accumulate training statistics; pass 2 streams them again and writes the examples.
 */
public final class AmazonLoadJob {

  public static final String CROSS_TRAIN_FILE = "music_movie.train.rating";
  public static final String MUSIC_TRAIN_FILE = "music.train.rating";
  public static final String MUSIC_VALID_FILE = "music.valid.rating";
  public static final String MUSIC_TEST_FILE = "music.test.rating";
  /** Files of the layout that this loader does not read (train + valid); the ratings world writes them too. */
  public static final String CROSS_TRAINFULL_FILE = "music_movie.trainfull.rating";
  public static final String MUSIC_TRAINFULL_FILE = "music.trainfull.rating";

  private static final String SALT = "amazon-movie-music";

  private final AmazonRatingsConfig config;
  private final RatingFile crossTrain;
  private final RatingFile musicTrain;
  private final RatingFile musicValid;
  private final RatingFile musicTest;

  private final IdVocabulary users = new IdVocabulary();
  private final IdVocabulary movieItems = new IdVocabulary();
  private final IdVocabulary musicItems = new IdVocabulary();
  private final RatingStats movieStats;
  private final RatingStats musicStats;
  private final Map<Split, Long> expected = new EnumMap<>(Split.class);

  /** A job over the configured directory. */
  public AmazonLoadJob(AmazonRatingsConfig config) {
    this.config = config;
    Path dir = config.dataDir();
    this.crossTrain = new RatingFile(dir.resolve(CROSS_TRAIN_FILE));
    this.musicTrain = new RatingFile(dir.resolve(MUSIC_TRAIN_FILE));
    this.musicValid = new RatingFile(dir.resolve(MUSIC_VALID_FILE));
    this.musicTest = new RatingFile(dir.resolve(MUSIC_TEST_FILE));
    this.movieStats = new RatingStats(config.priorCount());
    this.musicStats = new RatingStats(config.priorCount());
  }

  /** Reads the files and writes the splits into {@code outputDir}. */
  public CrossDomainData run(Path outputDir, ProgressListener progress) {
    requireFiles();
    collect();
    DomainSchema source = AmazonSchemas.source(AmazonRatingsLoader.SOURCE_DOMAIN, users.size(), movieItems.size());
    DomainSchema target = AmazonSchemas.target(AmazonRatingsLoader.TARGET_DOMAIN, users.size(), musicItems.size());
    try (SplitWriters out = new SplitWriters(outputDir, SALT, expected, progress)) {
      write(out);
      return out.finish(source, target, description());
    }
  }

  private void requireFiles() {
    List<String> missing = missingFiles(config.dataDir());
    if (!missing.isEmpty()) {
      throw new DatasetException(missing);
    }
  }

  /** One problem per file of the ratings layout that {@code dir} lacks (empty when the layout is complete). */
  public static List<String> missingFiles(Path dir) {
    List<String> missing = new ArrayList<>();
    for (String name : List.of(CROSS_TRAIN_FILE, MUSIC_TRAIN_FILE, MUSIC_VALID_FILE, MUSIC_TEST_FILE)) {
      if (!Files.isRegularFile(dir.resolve(name))) {
        missing.add("missing file " + dir.resolve(name) + " (the amazon-movie-music layout needs " + CROSS_TRAIN_FILE
            + ", " + MUSIC_TRAIN_FILE + ", " + MUSIC_VALID_FILE + " and " + MUSIC_TEST_FILE + ")");
      }
    }
    return missing;
  }


  /** Pass 1: vocabularies, split sizes, training statistics. */
  private void collect() {
    crossTrain.forEach(-1, row -> {
      users.add(row.user());
      if (row.domain() == RatingRow.MUSIC) {
        musicItems.add(row.item()); // the music train rows again; target rows come from music.*.rating
        return;
      }
      movieItems.add(row.item());
      if (isSourceValid(row)) {
        count(Split.SOURCE_VALID);
      } else {
        count(Split.SOURCE_TRAIN);
        movieStats.add(row.user(), row.item(), row.rating());
      }
    });
    musicTrain.forEach(RatingRow.MUSIC, row -> {
      addMusic(row);
      if (isTargetTrain(row)) {
        count(Split.TARGET_TRAIN);
        musicStats.add(row.user(), row.item(), row.rating());
      }
    });
    musicValid.forEach(RatingRow.MUSIC, row -> {
      addMusic(row);
      count(Split.TARGET_VALID);
    });
    musicTest.forEach(RatingRow.MUSIC, row -> {
      addMusic(row);
      count(Split.TARGET_TEST);
    });
    users.freeze();
    movieItems.freeze();
    musicItems.freeze();
  }

  /** Pass 2: one example per kept row, in file order. */
  private void write(SplitWriters out) {
    long[] next = new long[Split.values().length];
    crossTrain.forEach(-1, row -> {
      if (row.domain() != RatingRow.MOVIE) {
        return;
      }
      boolean valid = isSourceValid(row);
      Split split = valid ? Split.SOURCE_VALID : Split.SOURCE_TRAIN;
      RowStats stats = valid ? movieStats.heldOut(row.user(), row.item())
          : movieStats.leaveOneOut(row.user(), row.item(), row.rating());
      String id = ExampleBuilder.exampleId(AmazonRatingsLoader.SOURCE_DOMAIN, valid ? "valid" : "train", next[split.ordinal()]++);
      out.append(split, example(id, AmazonRatingsLoader.SOURCE_DOMAIN, row, movieItems, stats)
          .label(AmazonSchemas.LIKE, row.rating() >= 4.0).build());
    });
    musicTrain.forEach(RatingRow.MUSIC, row -> {
      if (isTargetTrain(row)) {
        writeMusic(out, Split.TARGET_TRAIN, "train", next, row, musicStats.leaveOneOut(row.user(), row.item(), row.rating()));
      }
    });
    musicValid.forEach(RatingRow.MUSIC, row ->
        writeMusic(out, Split.TARGET_VALID, "valid", next, row, musicStats.heldOut(row.user(), row.item())));
    musicTest.forEach(RatingRow.MUSIC, row ->
        writeMusic(out, Split.TARGET_TEST, "test", next, row, musicStats.heldOut(row.user(), row.item())));
  }

  private void writeMusic(SplitWriters out, Split split, String part, long[] next, RatingRow row, RowStats stats) {
    String id = ExampleBuilder.exampleId(AmazonRatingsLoader.TARGET_DOMAIN, part, next[split.ordinal()]++);
    out.append(split, example(id, AmazonRatingsLoader.TARGET_DOMAIN, row, musicItems, stats)
        .label(AmazonSchemas.DISLIKE, row.rating() <= 2.0).build());
  }

  private ExampleBuilder example(String id, String domain, RatingRow row, IdVocabulary items, RowStats stats) {
    return new ExampleBuilder(id, domain)
        .idFeature(AmazonSchemas.USER_ID, users.id(row.user()))
        .idFeature(AmazonSchemas.ITEM_ID, items.id(row.item()))
        .floatFeature(AmazonSchemas.USER_MEAN, stats.userMean())
        .floatFeature(AmazonSchemas.USER_COUNT, stats.userCount())
        .floatFeature(AmazonSchemas.ITEM_MEAN, stats.itemMean())
        .floatFeature(AmazonSchemas.ITEM_COUNT, stats.itemCount())
        .label(AmazonSchemas.LOVE, row.rating() >= 5.0)
        .label(AmazonSchemas.RATING, row.rating());
  }

  private void addMusic(RatingRow row) {
    users.add(row.user());
    musicItems.add(row.item());
  }

  private void count(Split split) {
    expected.merge(split, 1L, Long::sum);
  }

  /** Movie rows go to validation by a seeded hash of (user, item): stable across passes and file order. */
  private boolean isSourceValid(RatingRow row) {
    return SeededHash.unit(SeededHash.of(config.sourceSplitSeed(), "source-valid", row.user(), row.item()))
        < config.sourceValidFraction();
  }

  /** Music train rows are kept by a seeded hash of (user, item) below the train fraction. */
  private boolean isTargetTrain(RatingRow row) {
    return SeededHash.unit(SeededHash.of(config.seed(), "target-train", row.user(), row.item()))
        < config.trainFraction();
  }

  private String description() {
    return String.format(Locale.ROOT,
        "amazon-movie-music from %s: source = movie rows of %s (%.0f%% held out for validation, split seed %d); "
            + "target = %s (%.1f%% kept, seed %d), %s, %s; user/item statistics from each domain's training rows, "
            + "leave-one-out on training rows, shrunk toward the global mean with prior count %s",
        config.dataDir(), CROSS_TRAIN_FILE, 100 * config.sourceValidFraction(), config.sourceSplitSeed(),
        MUSIC_TRAIN_FILE, 100 * config.trainFraction(), config.seed(), MUSIC_VALID_FILE, MUSIC_TEST_FILE,
        config.priorCount());
  }
}
