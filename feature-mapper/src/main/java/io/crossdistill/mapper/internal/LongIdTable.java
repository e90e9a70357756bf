package io.crossdistill.mapper.internal;

import java.util.Arrays;

/**
 * An open-addressing table from long keys to long ids, so that looking up a long value does not box
 * it (boxing allocates for most values). Built once; read-only afterwards.
 */
final class LongIdTable {

  private final long[] keys;
  private final long[] ids;
  private final boolean[] used;
  private final int mask;

  LongIdTable(long[] keys, long[] ids) {
    int capacity = Integer.highestOneBit(Math.max(2, keys.length * 2 + 1)) << 1;
    this.keys = new long[capacity];
    this.ids = new long[capacity];
    this.used = new boolean[capacity];
    this.mask = capacity - 1;
    for (int i = 0; i < keys.length; i++) {
      int slot = slot(keys[i]);
      while (used[slot] && this.keys[slot] != keys[i]) {
        slot = (slot + 1) & mask;
      }
      if (!used[slot]) {
        // first occurrence wins, as in the spec's order
        used[slot] = true;
        this.keys[slot] = keys[i];
        this.ids[slot] = ids[i];
      }
    }
  }

  /** The id of {@code key}, or {@code otherwise}. */
  long get(long key, long otherwise) {
    int slot = slot(key);
    while (used[slot]) {
      if (keys[slot] == key) {
        return ids[slot];
      }
      slot = (slot + 1) & mask;
    }
    return otherwise;
  }

  private int slot(long key) {
    return (int) StableHash.mix(key) & mask;
  }

  @Override
  public String toString() {
    return "LongIdTable" + Arrays.toString(keys);
  }
}
