package io.crossdistill.datasets.internal.amazon;

import io.crossdistill.datasets.MalformedLineException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Streams the rows of one ratings TSV file ({@code user TAB item TAB rating TAB domain}, no header),
 * line by line. Blank lines are skipped; any other line that does not parse stops the read with a
 * {@link MalformedLineException} naming the file, the line and the reason.
 */
public final class RatingFile {

  private static final double MIN_RATING = 1.0;
  private static final double MAX_RATING = 5.0;

  private final Path file;

  /** A reader of {@code file}. */
  public RatingFile(Path file) {
    this.file = file;
  }

  /** The file read. */
  public Path file() {
    return file;
  }

  /**
   * Calls {@code action} for every row, in file order.
   *
   * @param requiredDomain the domain every row must have, or -1 to accept music and movie rows
   */
  public void forEach(int requiredDomain, Consumer<RatingRow> action) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      long lineNumber = 0;
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        RatingRow row = parse(line, lineNumber);
        if (requiredDomain >= 0 && row.domain() != requiredDomain) {
          throw malformed(lineNumber, "domain is " + row.domain() + " but this file holds only domain " + requiredDomain
              + (requiredDomain == RatingRow.MUSIC ? " (music)" : " (movie)"));
        }
        action.accept(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private RatingRow parse(String line, long lineNumber) {
    String[] fields = line.split("\t", -1);
    if (fields.length != 4) {
      throw malformed(lineNumber, "expected 4 tab-separated fields (user, item, rating, domain), found " + fields.length);
    }
    String user = fields[0].trim();
    String item = fields[1].trim();
    if (user.isEmpty()) {
      throw malformed(lineNumber, "user id is empty");
    }
    if (item.isEmpty()) {
      throw malformed(lineNumber, "item id is empty");
    }
    double rating;
    try {
      rating = Double.parseDouble(fields[2].trim());
    } catch (NumberFormatException e) {
      throw malformed(lineNumber, "rating '" + fields[2] + "' is not a number");
    }
    if (!(rating >= MIN_RATING && rating <= MAX_RATING)) {
      throw malformed(lineNumber, "rating " + fields[2] + " is outside [1, 5]");
    }
    int domain;
    try {
      domain = Integer.parseInt(fields[3].trim());
    } catch (NumberFormatException e) {
      throw malformed(lineNumber, "domain '" + fields[3] + "' is not 0 (music) or 1 (movie)");
    }
    if (domain != RatingRow.MUSIC && domain != RatingRow.MOVIE) {
      throw malformed(lineNumber, "domain " + domain + " is not 0 (music) or 1 (movie)");
    }
    return new RatingRow(user, item, rating, domain, lineNumber);
  }

  private MalformedLineException malformed(long lineNumber, String reason) {
    return new MalformedLineException(file, lineNumber, reason);
  }
}
