package io.crossdistill.schemas;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Streaming Avro container files for the project's records. Writers use a sync marker derived from
 * the schema and a caller-given salt (not a random one, as Avro does by default), so the same records
 * written with the same salt give the same bytes; readers stream one record at a time and never hold a
 * whole file in memory.
 */
public final class AvroContainers {

  private AvroContainers() {
  }

  /**
   * Opens a writer that streams records of {@code schema} into {@code file}, replacing it.
   *
   * @param salt distinguishes the sync markers of files that must differ (e.g. a data set name)
   */
  public static <T extends SpecificRecord> ContainerWriter<T> writer(Path file, Schema schema, String salt) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
      return writer(out, schema, salt);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create Avro file " + file, e);
    }
  }

  /** Opens a writer over a stream; the writer owns and closes the stream. */
  public static <T extends SpecificRecord> ContainerWriter<T> writer(OutputStream out, Schema schema, String salt) {
    DataFileWriter<T> writer = new DataFileWriter<>(new SpecificDatumWriter<T>(schema));
    writer.setCodec(CodecFactory.deflateCodec(1));
    try {
      writer.create(schema, out, syncMarker(schema, salt));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Avro container", e);
    }
    return new ContainerWriter<>(writer);
  }

  /** Opens a streaming reader of {@code file} as records of {@code type}. */
  public static <T extends SpecificRecord> ContainerReader<T> reader(Path file, Class<T> type) {
    return ContainerReader.open(file, type);
  }

  static byte[] syncMarker(Schema schema, String salt) {
    MessageDigest digest = ContentHash.sha256();
    digest.update(schema.toString().getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
    digest.update(salt.getBytes(StandardCharsets.UTF_8));
    return Arrays.copyOf(digest.digest(), 16);
  }
}
