package io.crossdistill.mapper.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.util.Utf8;

/** Compiled transforms that yield ids: bucketize, hash, and key-to-id tables (vocabulary, lookup). */
final class IdSteps {

  private IdSteps() {
  }

  static final class Bucketize extends Step {
    private final double[] boundaries;

    Bucketize(String path, double[] boundaries) {
      super(path);
      this.boundaries = boundaries.clone();
    }

    @Override
    int apply(ValueCell cell, IndexedRecord record) {
      int i = Arrays.binarySearch(boundaries, cell.number);
      // an exact boundary starts the bucket above it
      cell.id = i >= 0 ? i + 1 : -(i + 1);
      return ValueCell.OK;
    }
  }

  static final class HashLong extends Step {
    private final long buckets;

    HashLong(String path, long buckets) {
      super(path);
      this.buckets = buckets;
    }

    @Override
    int apply(ValueCell cell, IndexedRecord record) {
      cell.id = StableHash.bucket(cell.id, buckets);
      return ValueCell.OK;
    }
  }

  static final class HashString extends Step {
    private final long buckets;

    HashString(String path, long buckets) {
      super(path);
      this.buckets = buckets;
    }

    @Override
    int apply(ValueCell cell, IndexedRecord record) {
      cell.id = StableHash.bucket(cell.text, buckets);
      return ValueCell.OK;
    }
  }

  /** Long keys to ids through an unboxed table. */
  static final class LongKeys extends Step {
    private final LongIdTable table;
    private final long otherwise;

    LongKeys(String path, long[] keys, long[] ids, long otherwise) {
      super(path);
      this.table = new LongIdTable(keys, ids);
      this.otherwise = otherwise;
    }

    @Override
    int apply(ValueCell cell, IndexedRecord record) {
      cell.id = table.get(cell.id, otherwise);
      return ValueCell.OK;
    }
  }

  /**
   * String keys to ids. Two hash maps, one keyed by String and one by Utf8, because the two classes
   * hash differently and records may carry either; neither lookup allocates.
   */
  static final class StringKeys extends Step {
    private final Map<String, Long> byString = new HashMap<>();
    private final Map<Utf8, Long> byUtf8 = new HashMap<>();
    private final long otherwise;

    StringKeys(String path, String[] keys, long[] ids, long otherwise) {
      super(path);
      for (int i = 0; i < keys.length; i++) {
        byString.putIfAbsent(keys[i], ids[i]);
        byUtf8.putIfAbsent(new Utf8(keys[i]), ids[i]);
      }
      this.otherwise = otherwise;
    }

    @Override
    int apply(ValueCell cell, IndexedRecord record) {
      CharSequence text = cell.text;
      Long id;
      if (text instanceof String s) {
        id = byString.get(s);
      } else if (text instanceof Utf8 u) {
        id = byUtf8.get(u);
      } else {
        id = byString.get(text.toString());
      }
      cell.id = id == null ? otherwise : id;
      return ValueCell.OK;
    }
  }
}
