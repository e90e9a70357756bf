package io.crossdistill.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A small, seeded data set in the amazon-movie-music layout, kept in memory as rows so tests can compute
 * expected features independently of the loader, and written to a directory on demand.
 */
final class AmazonFixture {

  /** One rating row as the files hold it. */
  record Row(String user, String item, double rating, int domain) {
    String line() {
      return String.format(Locale.ROOT, "%s\t%s\t%.1f\t%d", user, item, rating, domain);
    }

    Row withRating(double newRating) {
      return new Row(user, item, newRating, domain);
    }
  }

  final List<Row> movie;
  final List<Row> musicTrain;
  final List<Row> musicValid;
  final List<Row> musicTest;

  private AmazonFixture(List<Row> movie, List<Row> musicTrain, List<Row> musicValid, List<Row> musicTest) {
    this.movie = movie;
    this.musicTrain = musicTrain;
    this.musicValid = musicValid;
    this.musicTest = musicTest;
  }

  /** Random rows over 25 users (raw ids not contiguous), 30 movies and 20 albums; a test row with an unseen user and item. */
  static AmazonFixture generate(long seed) {
    Random random = new Random(seed);
    Set<String> used = new HashSet<>();
    List<Row> movie = rows(random, used, 1, 300, 30);
    List<Row> music = rows(random, used, 0, 230, 20);
    List<Row> test = new ArrayList<>(music.subList(190, 230));
    test.add(new Row("9999", "777", 4.0, 0)); // a user and an album that appear nowhere else
    return new AmazonFixture(movie, new ArrayList<>(music.subList(0, 150)), new ArrayList<>(music.subList(150, 190)), test);
  }

  private static List<Row> rows(Random random, Set<String> used, int domain, int n, int items) {
    List<Row> rows = new ArrayList<>();
    while (rows.size() < n) {
      String user = Integer.toString(3 + 7 * random.nextInt(25));
      String item = Integer.toString(random.nextInt(items));
      if (used.add(domain + "/" + user + "/" + item)) {
        rows.add(new Row(user, item, 1 + random.nextInt(5), domain));
      }
    }
    return rows;
  }

  /** A copy with one changed list (for leakage tests). */
  AmazonFixture withTest(UnaryOperator<List<Row>> change) {
    return new AmazonFixture(movie, musicTrain, musicValid, change.apply(new ArrayList<>(musicTest)));
  }

  /** A copy with a changed music train list. */
  AmazonFixture withMusicTrain(UnaryOperator<List<Row>> change) {
    return new AmazonFixture(movie, change.apply(new ArrayList<>(musicTrain)), musicValid, musicTest);
  }

  /** Writes the files of the layout (music rows first in the cross-domain file, as in the real data). */
  Path write(Path dir) {
    try {
      Files.createDirectories(dir);
      List<Row> cross = new ArrayList<>(musicTrain);
      cross.addAll(movie);
      write(dir.resolve("music_movie.train.rating"), cross);
      write(dir.resolve("music.train.rating"), musicTrain);
      write(dir.resolve("music.valid.rating"), musicValid);
      write(dir.resolve("music.test.rating"), musicTest);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, List<Row> rows) throws IOException {
    StringBuilder text = new StringBuilder();
    for (Row row : rows) {
      text.append(row.line()).append('\n');
    }
    Files.writeString(file, text);
  }
}
