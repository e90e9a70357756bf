package io.crossdistill.labelling;

import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.util.Utf8;

/** Reads a record's id at a mapping's {@code recordIdField} path ({@code /id}, {@code /meta/id}, map keys too). */
final class RecordIds {

  private final String[] segments;

  RecordIds(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    this.segments = trimmed.isEmpty() ? new String[0] : trimmed.split("/");
  }

  /** The id, or {@code #index} when the record has none at the path. */
  String of(IndexedRecord record, int index) {
    Object value = record;
    for (String segment : segments) {
      if (value instanceof GenericRecord r && r.getSchema().getField(segment) != null) {
        value = r.get(segment);
      } else if (value instanceof Map<?, ?> map) {
        Object next = map.get(segment);
        value = next != null ? next : map.get(new Utf8(segment));
      } else {
        value = null;
      }
      if (value == null) {
        return "#" + index;
      }
    }
    return value instanceof IndexedRecord ? "#" + index : value.toString();
  }
}
