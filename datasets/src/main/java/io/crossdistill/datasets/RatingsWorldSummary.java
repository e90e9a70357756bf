package io.crossdistill.datasets;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link RatingsWorld#write} wrote: the directory, the settings, the rows of each file and the
 * rating histograms of each domain.
 *
 * @param dir the directory written
 * @param config the settings it was written with
 * @param fileRows rows per file name, in the order the files are listed in {@code docs/data.md}
 * @param targetHistogram target (music) rows rated 1★ .. 5★, over train, valid and test
 * @param sourceHistogram source (movie) rows rated 1★ .. 5★
 */
public record RatingsWorldSummary(
    Path dir, RatingsWorldConfig config, Map<String, Long> fileRows, List<Long> targetHistogram,
    List<Long> sourceHistogram) {

  /** Copies the collections. */
  public RatingsWorldSummary {
    fileRows = Collections.unmodifiableMap(new LinkedHashMap<>(fileRows));
    targetHistogram = List.copyOf(targetHistogram);
    sourceHistogram = List.copyOf(sourceHistogram);
  }

  /** A few lines for people: rows per file and the two histograms with their shares. */
  public String describe() {
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "ratings world (seed %d, %d users, "
        + "%d source items, %d target items, sharedTaste %s) in %s%n", config.seed(), config.users(),
        config.sourceItems(), config.targetItems(), config.sharedTaste(), dir));
    fileRows.forEach((name, rows) -> text.append(String.format(Locale.ROOT, "  %-30s %,9d rows%n", name, rows)));
    text.append(histogram("music (target, domain 0)", targetHistogram));
    text.append(histogram("movie (source, domain 1)", sourceHistogram));
    return text.toString();
  }

  private static String histogram(String name, List<Long> counts) {
    long total = counts.stream().mapToLong(Long::longValue).sum();
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-25s", name));
    for (int k = 0; k < counts.size(); k++) {
      line.append(String.format(Locale.ROOT, "  %d★ %,d (%.1f%%)", k + 1, counts.get(k),
          100.0 * counts.get(k) / Math.max(1, total)));
    }
    return line.append(System.lineSeparator()).toString();
  }
}
