package io.crossdistill.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Streams the records of an Avro container file one at a time. Iterate it once, then close it
 * (try-with-resources). Records written by an older schema version are resolved to the current one.
 */
public final class ContainerReader<T extends SpecificRecord> implements Iterable<T>, AutoCloseable {

  private final DataFileReader<T> reader;
  private boolean iterated;

  private ContainerReader(DataFileReader<T> reader) {
    this.reader = reader;
  }

  static <T extends SpecificRecord> ContainerReader<T> open(Path file, Class<T> type) {
    try {
      SpecificDatumReader<T> datumReader = new SpecificDatumReader<>(type);
      if (SpecificRecordBase.class.isAssignableFrom(type)) {
        // the reader schema is the generated class's; the writer schema comes from the file header
        datumReader.setExpected(org.apache.avro.specific.SpecificData.get().getSchema(type));
      }
      return new ContainerReader<>(new DataFileReader<>(file.toFile(), datumReader));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open Avro file " + file + ": " + e.getMessage(), e);
    }
  }

  /** The schema the file was written with. */
  public org.apache.avro.Schema writerSchema() {
    return reader.getSchema();
  }

  @Override
  public Iterator<T> iterator() {
    if (iterated) {
      throw new IllegalStateException("a ContainerReader can be iterated once");
    }
    iterated = true;
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return reader.hasNext();
      }

      @Override
      public T next() {
        if (!reader.hasNext()) {
          throw new NoSuchElementException();
        }
        return reader.next();
      }
    };
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close Avro file", e);
    }
  }
}
