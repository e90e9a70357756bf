package io.crossdistill.mapper.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.util.Utf8;

/**
 * A target field path compiled against a schema: record segments are field positions, map segments
 * are keys held both as {@link String} and {@link Utf8} (records decoded generically key their maps by
 * Utf8), so reading a value costs one array access per record segment and one hash lookup per map
 * segment, with no allocation.
 */
public final class TargetPath {

  private static final int RECORD = 0;
  private static final int MAP = 1;

  private final String path;
  private final int[] kinds;
  private final int[] positions;
  private final String[] keys;
  private final Utf8[] utf8Keys;
  private final Schema leaf;
  private final boolean optional;
  private final boolean direct;

  private TargetPath(String path, int[] kinds, int[] positions, String[] keys, Schema leaf, boolean optional) {
    this.path = path;
    this.kinds = kinds;
    this.positions = positions;
    this.keys = keys;
    this.utf8Keys = new Utf8[keys.length];
    for (int i = 0; i < keys.length; i++) {
      utf8Keys[i] = keys[i] == null ? null : new Utf8(keys[i]);
    }
    this.leaf = leaf;
    this.optional = optional;
    this.direct = kinds.length == 1 && kinds[0] == RECORD;
  }

  /** The path as written in the spec. */
  public String path() {
    return path;
  }

  /** Schema of the value at the end of the path, with a {@code [null, T]} union unwrapped to T. */
  public Schema leaf() {
    return leaf;
  }

  /** True when the value can be absent (an optional union or a map key on the way). */
  public boolean optional() {
    return optional;
  }

  /**
   * Resolves {@code path} against {@code root}.
   *
   * @return the compiled path, or an error message naming what does not exist
   */
  public static Resolved resolve(Schema root, String path) {
    if (!path.startsWith("/") || path.length() < 2) {
      return Resolved.error("'" + path + "' is not a field path; write it like /field or /map/key");
    }
    String[] raw = path.substring(1).split("/", -1);
    int[] kinds = new int[raw.length];
    int[] positions = new int[raw.length];
    String[] keys = new String[raw.length];
    Schema current = root;
    boolean optional = false;
    StringBuilder walked = new StringBuilder();
    for (int i = 0; i < raw.length; i++) {
      String segment = raw[i].replace("~1", "/").replace("~0", "~");
      if (segment.isEmpty()) {
        return Resolved.error("'" + path + "' has an empty segment");
      }
      Schema unwrapped = unwrapOptional(current);
      if (unwrapped == null) {
        return Resolved.error("'" + walked + "' is a union other than [null, T]; only optional unions can be walked");
      }
      optional |= unwrapped != current;
      current = unwrapped;
      if (current.getType() == Schema.Type.RECORD) {
        Schema.Field field = current.getField(segment);
        if (field == null) {
          return Resolved.error("record " + current.getFullName() + " has no field '" + segment + "'"
              + suggestion(current, segment));
        }
        kinds[i] = RECORD;
        positions[i] = field.pos();
        current = field.schema();
      } else if (current.getType() == Schema.Type.MAP) {
        kinds[i] = MAP;
        keys[i] = segment;
        optional = true;
        current = current.getValueType();
      } else {
        return Resolved.error("'" + (walked.length() == 0 ? "/" : walked) + "' is " + describe(current)
            + ", not a record or map, so '" + segment + "' cannot be looked up in it");
      }
      walked.append('/').append(raw[i]);
    }
    Schema leaf = unwrapOptional(current);
    if (leaf == null) {
      return Resolved.error("'" + path + "' is a union other than [null, T]");
    }
    optional |= leaf != current;
    return new Resolved(new TargetPath(path, kinds, positions, keys, leaf, optional), null);
  }

  /** Reads the raw value, or null when it is absent. */
  public Object read(IndexedRecord record) {
    if (direct) {
      return record.get(positions[0]);
    }
    Object value = record;
    for (int i = 0; i < kinds.length; i++) {
      if (kinds[i] == RECORD) {
        if (!(value instanceof IndexedRecord r)) {
          return null;
        }
        value = r.get(positions[i]);
      } else {
        if (!(value instanceof Map<?, ?> map)) {
          return null;
        }
        value = lookup(map, i);
      }
      if (value == null) {
        return null;
      }
    }
    return value;
  }

  private Object lookup(Map<?, ?> map, int i) {
    if (map instanceof SortedMap) {
      // a sorted map compares keys, so a key of the other class throws instead of missing
      try {
        return map.get(keys[i]);
      } catch (ClassCastException e) {
        return map.get(utf8Keys[i]);
      }
    }
    Object found = map.get(keys[i]);
    return found != null ? found : map.get(utf8Keys[i]);
  }

  /** The value kind of a leaf schema, or null when the mapper cannot read it. */
  public static ValueKind kindOf(Schema leaf) {
    return switch (leaf.getType()) {
      case INT, LONG, BOOLEAN -> ValueKind.LONG;
      case FLOAT, DOUBLE -> ValueKind.FLOAT;
      case STRING, ENUM -> ValueKind.STRING;
      case ARRAY -> switch (leaf.getElementType().getType()) {
        case FLOAT, DOUBLE, INT, LONG -> ValueKind.VECTOR;
        default -> null;
      };
      default -> null;
    };
  }

  static String describe(Schema schema) {
    return switch (schema.getType()) {
      case RECORD -> "record " + schema.getFullName();
      case ARRAY -> "an array of " + schema.getElementType().getType().getName();
      case MAP -> "a map of " + schema.getValueType().getType().getName();
      case ENUM -> "enum " + schema.getFullName();
      default -> "of type " + schema.getType().getName();
    };
  }

  private static Schema unwrapOptional(Schema schema) {
    if (schema.getType() != Schema.Type.UNION) {
      return schema;
    }
    List<Schema> branches = new ArrayList<>();
    for (Schema branch : schema.getTypes()) {
      if (branch.getType() != Schema.Type.NULL) {
        branches.add(branch);
      }
    }
    return branches.size() == 1 ? branches.get(0) : null;
  }

  private static String suggestion(Schema record, String segment) {
    List<String> names = new ArrayList<>();
    for (Schema.Field f : record.getFields()) {
      names.add(f.name());
    }
    for (String name : names) {
      if (name.equalsIgnoreCase(segment)) {
        return " (did you mean '" + name + "'?)";
      }
    }
    return names.size() <= 12 ? "; its fields are " + names : "";
  }

  /** A resolved path or the reason it does not resolve. */
  public record Resolved(TargetPath path, String error) {
    static Resolved error(String message) {
      return new Resolved(null, message);
    }

    public boolean ok() {
      return path != null;
    }
  }
}
