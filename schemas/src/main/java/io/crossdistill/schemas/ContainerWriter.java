package io.crossdistill.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Appends records to an Avro container file. Close it (try-with-resources) to flush the last block;
 * {@link #count()} tells how many records were written.
 */
public final class ContainerWriter<T extends SpecificRecord> implements AutoCloseable {

  private final DataFileWriter<T> writer;
  private long count;

  ContainerWriter(DataFileWriter<T> writer) {
    this.writer = writer;
  }

  /** Appends one record. */
  public void append(T record) {
    try {
      writer.append(record);
      count++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append record " + count, e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("record " + count + " does not fit its schema: " + e.getMessage(), e);
    }
  }

  /** Number of records appended so far. */
  public long count() {
    return count;
  }

  /** Flushes buffered blocks to the underlying file and syncs it. */
  public void flush() {
    try {
      writer.fSync();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot flush Avro container", e);
    }
  }

  @Override
  public void close() {
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close Avro container", e);
    }
  }
}
