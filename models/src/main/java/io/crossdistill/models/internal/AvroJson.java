package io.crossdistill.models.internal;

import io.crossdistill.models.ArtifactIntegrityException;
import io.crossdistill.models.ModelException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads and writes single Avro records as pretty-printed Avro JSON files: readable, diffable, and checked
 * against their schema on the way in.
 */
public final class AvroJson {

  private AvroJson() {
  }

  /** Writes a generated (specific) record. */
  public static <T extends SpecificRecord> void write(Path file, T record) throws ModelException {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) record.getClass();
    write(file, record.getSchema(), new SpecificDatumWriter<>(type), record);
  }

  /** Reads a generated (specific) record of the given class. */
  public static <T extends SpecificRecord> T read(Path file, Class<T> type, Schema schema) throws ModelException {
    return read(file, schema, new SpecificDatumReader<>(type));
  }

  /** Writes a generic record of a schema. */
  public static <T> void writeGeneric(Path file, Schema schema, T record) throws ModelException {
    write(file, schema, new GenericDatumWriter<>(schema), record);
  }

  /** Reads a generic record of a schema. */
  public static <T> T readGeneric(Path file, Schema schema) throws ModelException {
    return read(file, schema, new GenericDatumReader<>(schema));
  }

  private static <T> void write(Path file, Schema schema, DatumWriter<T> writer, T record) throws ModelException {
    try (OutputStream out = Files.newOutputStream(file)) {
      JsonEncoder encoder = EncoderFactory.get().jsonEncoder(schema, out, true);
      writer.write(record, encoder);
      encoder.flush();
      out.write('\n');
    } catch (IOException | AvroRuntimeException e) {
      throw new ModelException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static <T> T read(Path file, Schema schema, DatumReader<T> reader) throws ModelException {
    try (InputStream in = Files.newInputStream(file)) {
      Decoder decoder = DecoderFactory.get().jsonDecoder(schema, in);
      return reader.read(null, decoder);
    } catch (NoSuchFileException e) {
      throw new ArtifactIntegrityException("missing file " + file, e);
    } catch (IOException | AvroRuntimeException e) {
      throw new ArtifactIntegrityException("cannot read " + file + " as " + schema.getFullName() + ": " + e.getMessage(), e);
    }
  }
}
