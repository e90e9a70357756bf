package io.crossdistill.datasets.internal.amazon;

/**
 * One parsed line of a ratings file.
 *
 * @param user raw user id as written in the file
 * @param item raw item id as written in the file (numbered per domain)
 * @param rating star rating, 1 to 5
 * @param domain 0 = music, 1 = movie
 * @param line 1-based line number in its file
 */
public record RatingRow(String user, String item, double rating, int domain, long line) {

  /** Domain code of music rows. */
  public static final int MUSIC = 0;
  /** Domain code of movie rows. */
  public static final int MOVIE = 1;
}
