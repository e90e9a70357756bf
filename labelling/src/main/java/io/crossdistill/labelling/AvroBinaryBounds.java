package io.crossdistill.labelling;

import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Walks one Avro binary datum of a schema over untrusted bytes without allocating anything for it, and
 * refuses it when it cannot be one: a length or item count that exceeds the bytes left, a varint longer
 * than ten bytes, a union or enum index out of range, nesting deeper than {@link #MAX_DEPTH}. Avro's own
 * decoder allocates a string, bytes or array of the declared length before it reads a byte of it, so a
 * ten-byte body could ask for gigabytes; a datum that passes this walk decodes within its bytes.
 */
final class AvroBinaryBounds {

  /** Deepest nesting of records, arrays, maps and unions a datum may have. */
  static final int MAX_DEPTH = 256;
  /** Most items of a zero-width type (null, an empty record) one array or map block may declare. */
  static final int MAX_ZERO_WIDTH_ITEMS = 65_536;

  /** A datum that cannot be what the schema says; the message says where and why. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  private final byte[] bytes;
  private final int end;
  private int position;
  private final Map<Schema, Integer> minWidths = new IdentityHashMap<>();

  private AvroBinaryBounds(byte[] bytes, int offset, int end) {
    this.bytes = bytes;
    this.position = offset;
    this.end = end;
  }

  /**
   * The offset just after the datum of {@code schema} that starts at {@code offset}.
   *
   * @throws Malformed when the bytes from {@code offset} are not such a datum
   */
  static int datumEnd(byte[] bytes, int offset, Schema schema) throws Malformed {
    AvroBinaryBounds walk = new AvroBinaryBounds(bytes, offset, bytes.length);
    walk.skip(schema, 0);
    return walk.position;
  }

  private void skip(Schema schema, int depth) throws Malformed {
    if (depth > MAX_DEPTH) {
      throw new Malformed("nested deeper than " + MAX_DEPTH + " levels");
    }
    switch (schema.getType()) {
      case NULL -> { }
      case BOOLEAN -> take(1, "a boolean");
      case INT -> readLong(5, "an int");
      case LONG -> readLong(10, "a long");
      case FLOAT -> take(4, "a float");
      case DOUBLE -> take(8, "a double");
      case STRING, BYTES -> take(length(schema.getType() == Schema.Type.STRING ? "a string" : "bytes"),
          schema.getType() == Schema.Type.STRING ? "a string" : "bytes");
      case FIXED -> take(schema.getFixedSize(), "fixed " + schema.getFullName());
      case ENUM -> {
        long index = readLong(5, "an enum index");
        if (index < 0 || index >= schema.getEnumSymbols().size()) {
          throw new Malformed("enum " + schema.getFullName() + " has no symbol " + index + at());
        }
      }
      case UNION -> {
        long index = readLong(5, "a union index");
        if (index < 0 || index >= schema.getTypes().size()) {
          throw new Malformed("union index " + index + " is outside the " + schema.getTypes().size() + " branches" + at());
        }
        skip(schema.getTypes().get((int) index), depth + 1);
      }
      case RECORD -> {
        for (Schema.Field field : schema.getFields()) {
          skip(field.schema(), depth + 1);
        }
      }
      case ARRAY -> blocks(schema.getElementType(), null, depth);
      case MAP -> blocks(schema.getValueType(), Schema.create(Schema.Type.STRING), depth);
      default -> throw new Malformed("unsupported type " + schema.getType());
    }
  }

  /** Array or map blocks: a count (negative: followed by the block's byte size), the items, ..., then 0. */
  private void blocks(Schema item, Schema key, int depth) throws Malformed {
    boolean zeroWidth = key == null && minWidth(item) == 0;
    while (true) {
      long count = readLong(10, "a block count");
      if (count == 0) {
        return;
      }
      if (count < 0) {
        count = -count;
        long size = readLong(10, "a block size");
        if (size < 0 || size > end - position) {
          throw new Malformed("a block declares " + size + " bytes, " + (end - position) + " are left" + at());
        }
      }
      long most = zeroWidth ? MAX_ZERO_WIDTH_ITEMS : end - position;
      if (count > most) {
        throw new Malformed("a block declares " + count + " items, at most " + most + " fit" + at());
      }
      for (long i = 0; i < count; i++) {
        if (key != null) {
          skip(key, depth + 1);
        }
        skip(item, depth + 1);
      }
    }
  }

  /** The fewest bytes a datum of {@code schema} takes (recursive schemas count their cycle as 1). */
  private int minWidth(Schema schema) {
    Integer known = minWidths.get(schema);
    if (known != null) {
      return known;
    }
    minWidths.put(schema, 1);
    int width = switch (schema.getType()) {
      case NULL -> 0;
      case FLOAT -> 4;
      case DOUBLE -> 8;
      case FIXED -> schema.getFixedSize();
      case RECORD -> schema.getFields().stream().mapToInt(f -> minWidth(f.schema())).sum();
      default -> 1;
    };
    minWidths.put(schema, width);
    return width;
  }

  private int length(String what) throws Malformed {
    long length = readLong(10, "the length of " + what);
    if (length < 0 || length > end - position) {
      throw new Malformed(what + " of " + length + " bytes is declared, " + (end - position) + " are left" + at());
    }
    return (int) length;
  }

  private void take(int count, String what) throws Malformed {
    if (count > end - position) {
      throw new Malformed("the bytes end inside " + what + at());
    }
    position += count;
  }

  /** A zig-zag varint of at most {@code maxBytes} bytes. */
  private long readLong(int maxBytes, String what) throws Malformed {
    long raw = 0;
    for (int i = 0; i < maxBytes; i++) {
      if (position >= end) {
        throw new Malformed("the bytes end inside " + what + at());
      }
      int b = bytes[position++] & 0xff;
      raw |= (long) (b & 0x7f) << (7 * i);
      if ((b & 0x80) == 0) {
        return (raw >>> 1) ^ -(raw & 1);
      }
    }
    throw new Malformed(what + " is longer than " + maxBytes + " bytes" + at());
  }

  private String at() {
    return " (byte " + position + ")";
  }
}
