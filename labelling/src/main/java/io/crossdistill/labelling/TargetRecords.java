package io.crossdistill.labelling;

import io.crossdistill.schemas.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Target records from what app teams send: plain JSON objects shaped like their Avro schema (unions
 * written as the bare value, missing fields take the schema's default), or Avro binary (records written
 * one after another with the schema of the mapping's target schema version). A record that does not fit
 * the schema is reported with every problem and its JSON pointer; the others are decoded.
 */
public final class TargetRecords {

  /** The outcome for one record: a record, or the reasons it is not one. */
  public record Decoded(GenericRecord record, List<String> errors) {
    public boolean ok() {
      return record != null;
    }
  }

  private TargetRecords() {
  }

  /** The errors of a decoded record as problems (JSON pointer, message) whose pointers start with {@code prefix}. */
  public static List<Problem> problems(String prefix, Decoded decoded) {
    return decoded.errors().stream().map(e -> {
      int colon = e.indexOf(": ");
      String path = colon < 0 ? "" : e.substring(0, colon);
      String message = colon < 0 ? e : e.substring(colon + 2);
      return new Problem(prefix + ("/".equals(path) ? "" : path), message);
    }).toList();
  }

  /**
   * Content hash of decoded records: SHA-256 over their Avro binary encodings in order (skipping records
   * that could not be decoded), so the same records hash alike whether they came as JSON or Avro binary.
   */
  public static String inputHash(List<Decoded> records, Schema schema) {
    java.security.MessageDigest digest = io.crossdistill.schemas.ContentHash.sha256();
    RecordEncoder<GenericRecord> encoder = new RecordEncoder<>(schema);
    for (Decoded d : records) {
      if (d.ok()) {
        digest.update(encoder.encode(d.record()));
      }
    }
    return io.crossdistill.schemas.ContentHash.hex(digest);
  }

  /** Decodes each element of a JSON array. */
  public static List<Decoded> fromJson(JsonNode array, Schema schema, String pointer) {
    List<Decoded> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      out.add(fromJson(array.get(i), schema));
    }
    return out;
  }

  /** Decodes one JSON object. */
  public static Decoded fromJson(JsonNode node, Schema schema) {
    List<String> errors = new ArrayList<>();
    Object value = convert(node, schema, "", errors);
    return errors.isEmpty() ? new Decoded((GenericRecord) value, List.of()) : new Decoded(null, List.copyOf(errors));
  }

  /**
   * Decodes Avro binary records until the bytes end; at most {@code limit} records (one more is read
   * to detect the excess). Records written one after another have no framing, so one that cannot be read
   * leaves the rest unreadable too: the whole body is refused.
   *
   * @throws MalformedRecordsException when the bytes are not such records (cut short, a length or count
   *     that does not fit the bytes, an index outside a union or enum, ...), saying which record and byte
   */
  public static List<Decoded> fromAvroBinary(byte[] bytes, Schema schema, int limit) {
    List<Decoded> out = new ArrayList<>();
    GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(schema);
    BinaryDecoder decoder = null;
    int offset = 0;
    while (offset < bytes.length && out.size() <= limit) {
      int end;
      try {
        end = AvroBinaryBounds.datumEnd(bytes, offset, schema);
      } catch (AvroBinaryBounds.Malformed e) {
        throw malformed(schema, out.size(), offset, e.getMessage());
      }
      try {
        decoder = DecoderFactory.get().binaryDecoder(bytes, offset, end - offset, decoder);
        GenericRecord record = reader.read(null, decoder);
        if (!decoder.isEnd()) {
          throw malformed(schema, out.size(), offset, "the record ends before byte " + end);
        }
        out.add(new Decoded(record, List.of()));
      } catch (IOException | RuntimeException e) {
        if (e instanceof MalformedRecordsException known) {
          throw known;
        }
        throw malformed(schema, out.size(), offset, e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      offset = end;
    }
    return out;
  }

  private static MalformedRecordsException malformed(Schema schema, int index, int offset, String why) {
    return new MalformedRecordsException("the body is not Avro binary records of " + schema.getFullName()
        + ": record " + index + " (from byte " + offset + ") cannot be read",
        List.of(new Problem("", "record " + index + " (from byte " + offset + "): " + why)));
  }

  private static Object convert(JsonNode node, Schema schema, String at, List<String> errors) {
    String here = at.isEmpty() ? "/" : at;
    switch (schema.getType()) {
      case RECORD -> {
        if (!node.isObject()) {
          errors.add(here + ": expected an object (" + schema.getFullName() + ")");
          return null;
        }
        GenericData.Record record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
          JsonNode child = node.get(field.name());
          if (child == null) {
            if (field.hasDefaultValue()) {
              record.put(field.pos(), GenericData.get().deepCopy(field.schema(), GenericData.get().getDefaultValue(field)));
            } else {
              errors.add(at + "/" + field.name() + ": missing (the field has no default)");
            }
          } else {
            record.put(field.pos(), convert(child, field.schema(), at + "/" + field.name(), errors));
          }
        }
        node.fieldNames().forEachRemaining(name -> {
          if (schema.getField(name) == null) {
            errors.add(at + "/" + name + ": not a field of " + schema.getFullName());
          }
        });
        return record;
      }
      case UNION -> {
        if (node.isNull()) {
          if (schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL)) {
            return null;
          }
          errors.add(here + ": null is not allowed");
          return null;
        }
        for (Schema branch : schema.getTypes()) {
          if (branch.getType() == Schema.Type.NULL) {
            continue;
          }
          List<String> tryErrors = new ArrayList<>();
          Object value = convert(node, branch, at, tryErrors);
          if (tryErrors.isEmpty()) {
            return value;
          }
        }
        errors.add(here + ": fits no branch of " + schema.getTypes());
        return null;
      }
      case ARRAY -> {
        if (!node.isArray()) {
          errors.add(here + ": expected an array");
          return null;
        }
        GenericData.Array<Object> array = new GenericData.Array<>(node.size(), schema);
        for (int i = 0; i < node.size(); i++) {
          array.add(convert(node.get(i), schema.getElementType(), at + "/" + i, errors));
        }
        return array;
      }
      case MAP -> {
        if (!node.isObject()) {
          errors.add(here + ": expected an object (a map)");
          return null;
        }
        Map<String, Object> map = new HashMap<>();
        node.properties().forEach(e -> map.put(e.getKey(),
            convert(e.getValue(), schema.getValueType(), at + "/" + e.getKey(), errors)));
        return map;
      }
      case STRING -> {
        if (!node.isTextual()) {
          errors.add(here + ": expected a string");
          return null;
        }
        return new org.apache.avro.util.Utf8(node.textValue());
      }
      case ENUM -> {
        if (!node.isTextual() || !schema.hasEnumSymbol(node.textValue())) {
          errors.add(here + ": expected one of " + schema.getEnumSymbols());
          return null;
        }
        return new GenericData.EnumSymbol(schema, node.textValue());
      }
      case BOOLEAN -> {
        if (!node.isBoolean()) {
          errors.add(here + ": expected true or false");
          return null;
        }
        return node.booleanValue();
      }
      case INT -> {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
          errors.add(here + ": expected an int");
          return null;
        }
        return node.intValue();
      }
      case LONG -> {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
          errors.add(here + ": expected a long");
          return null;
        }
        return node.longValue();
      }
      case FLOAT, DOUBLE -> {
        double value;
        if (node.isNumber()) {
          value = node.doubleValue();
        } else if (node.isTextual() && ("NaN".equals(node.textValue()) || node.textValue().endsWith("Infinity"))) {
          value = Double.parseDouble(node.textValue());
        } else {
          errors.add(here + ": expected a number");
          return null;
        }
        return schema.getType() == Schema.Type.FLOAT ? (Object) (float) value : (Object) value;
      }
      case BYTES -> {
        if (!node.isTextual()) {
          errors.add(here + ": expected a string of bytes");
          return null;
        }
        return ByteBuffer.wrap(node.textValue().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      }
      case NULL -> {
        if (!node.isNull()) {
          errors.add(here + ": expected null");
        }
        return null;
      }
      default -> {
        errors.add(here + ": unsupported schema type " + schema.getType());
        return null;
      }
    }
  }
}
