package io.crossdistill.datasets;

import io.crossdistill.schemas.AvroContainers;
import io.crossdistill.schemas.ContainerReader;
import io.crossdistill.v1.Example;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens Avro container files of {@link Example} for streaming reads, one record at a time; memory
 * stays flat in the number of examples.
 */
public final class ExampleFiles {

  private ExampleFiles() {
  }

  /**
   * Streams the examples of {@code file}. Iterate once, then close the reader (try-with-resources).
   *
   * @throws DatasetException if the file does not exist
   */
  public static ContainerReader<Example> read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new DatasetException("no example file at " + file);
    }
    return AvroContainers.reader(file, Example.class);
  }
}
