package io.crossdistill.labelling.internal;

import io.crossdistill.labelling.RecordSource;
import io.crossdistill.schemas.ContentHash;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.OptionalLong;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * Records of Avro container files, one file after the other, each read with its writer schema resolved
 * to the target schema; streamed one record at a time. The input hash covers every file's content in
 * order (not its name or place), and the record count comes from the block headers, without decoding.
 */
public final class AvroFileSource implements RecordSource {

  private final List<Path> files;
  private final String description;
  private final Schema schema;
  private final String inputHash;
  private final long size;
  private int file = -1;
  private DataFileStream<GenericRecord> current;

  public AvroFileSource(List<Path> files, String description, Schema targetSchema) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no input files");
    }
    this.files = List.copyOf(files);
    this.description = description;
    this.schema = targetSchema;
    MessageDigest digest = ContentHash.sha256();
    long records = 0;
    for (Path f : files) {
      digest.update(ContentHash.ofFile(f).getBytes(StandardCharsets.UTF_8));
      records += count(f);
    }
    digest.update(ByteBuffer.allocate(8).putLong(records).array());
    this.inputHash = ContentHash.hex(digest);
    this.size = records;
  }

  private static long count(Path f) {
    try (InputStream in = Files.newInputStream(f);
        DataFileStream<Object> stream = new DataFileStream<>(in, new GenericDatumReader<>())) {
      long n = 0;
      while (stream.hasNext()) {
        n += stream.getBlockCount();
        stream.nextBlock();
      }
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Avro container file " + f.getFileName() + ": "
          + e.getMessage(), e);
    }
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public String inputHash() {
    return inputHash;
  }

  @Override
  public OptionalLong size() {
    return OptionalLong.of(size);
  }

  @Override
  public Item next() {
    try {
      while (current == null || !current.hasNext()) {
        if (current != null) {
          current.close();
          current = null;
        }
        if (++file >= files.size()) {
          return null;
        }
        Path f = files.get(file);
        GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>();
        reader.setExpected(schema);
        current = new DataFileStream<>(Files.newInputStream(f), reader);
      }
      return Item.of(current.next());
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot read record from " + files.get(Math.min(file, files.size() - 1))
          .getFileName() + " as " + schema.getFullName() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (current != null) {
      try {
        current.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      current = null;
    }
  }
}
