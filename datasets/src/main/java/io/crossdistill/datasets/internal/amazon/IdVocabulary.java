package io.crossdistill.datasets.internal.amazon;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Maps raw ids (strings from the files) to dense ids {@code 0..n-1}. Raw ids are ordered numerically
 * when they are integers (all integers first), otherwise as strings, so the dense ids depend only on the
 * set of raw ids seen, never on file order.
 */
public final class IdVocabulary {

  private static final Comparator<String> RAW_ORDER = IdVocabulary::compareRaw;

  private final TreeSet<String> raw = new TreeSet<>(RAW_ORDER);
  private Map<String, Integer> dense;

  /** Records a raw id; only before {@link #freeze()}. */
  public void add(String rawId) {
    if (dense != null) {
      throw new IllegalStateException("vocabulary is frozen");
    }
    raw.add(rawId);
  }

  /** Assigns the dense ids; no more ids may be added afterwards. */
  public IdVocabulary freeze() {
    Map<String, Integer> ids = new HashMap<>(raw.size() * 2);
    int next = 0;
    for (String id : raw) {
      ids.put(id, next++);
    }
    dense = ids;
    return this;
  }

  /** Number of distinct ids. */
  public int size() {
    return raw.size();
  }

  /** The dense id of a raw id that was added. */
  public int id(String rawId) {
    if (dense == null) {
      throw new IllegalStateException("vocabulary is not frozen yet");
    }
    Integer id = dense.get(rawId);
    if (id == null) {
      throw new IllegalArgumentException("unknown raw id " + rawId);
    }
    return id;
  }

  private static int compareRaw(String a, String b) {
    boolean aNumber = isInteger(a);
    boolean bNumber = isInteger(b);
    if (aNumber && bNumber) {
      String x = stripZeros(a);
      String y = stripZeros(b);
      int byValue = x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
      return byValue != 0 ? byValue : a.compareTo(b); // "007" vs "7": same value, still distinct ids
    }
    if (aNumber != bNumber) {
      return aNumber ? -1 : 1;
    }
    return a.compareTo(b);
  }

  /** Non-negative decimal integers of any length (compared without overflow). */
  private static boolean isInteger(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static String stripZeros(String s) {
    int i = 0;
    while (i < s.length() - 1 && s.charAt(i) == '0') {
      i++;
    }
    return s.substring(i);
  }
}
