package io.crossdistill.labelling;

import io.crossdistill.datasets.AmazonRatingsConfig;
import io.crossdistill.datasets.AmazonRatingsLoader;
import io.crossdistill.datasets.CrossDomainData;
import io.crossdistill.datasets.Split;
import io.crossdistill.labelling.internal.AvroFileSource;
import io.crossdistill.v1.Example;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/** The inputs a backfill reads from files. */
public final class RecordSources {

  private RecordSources() {
  }

  /**
   * Avro container files: {@code input} is one file, or a directory whose {@code *.avro} files are read
   * in name order. Records are read as {@code targetSchema} (the writer schema is resolved to it).
   *
   * @param label how the input is named in manifests (e.g. its path under the data root)
   */
  public static RecordSource avroFiles(Path input, String label, Schema targetSchema) {
    List<Path> files;
    if (Files.isDirectory(input)) {
      try (Stream<Path> list = Files.list(input)) {
        files = list.filter(p -> p.getFileName().toString().endsWith(".avro") && Files.isRegularFile(p)).sorted()
            .toList();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + label + ": " + e.getMessage(), e);
      }
      if (files.isEmpty()) {
        throw new IllegalArgumentException(label + " holds no .avro files");
      }
    } else if (Files.isRegularFile(input)) {
      files = List.of(input);
    } else {
      throw new IllegalArgumentException(label + " is neither an Avro file nor a directory");
    }
    return new AvroFileSource(files, files.size() + " Avro file(s) at " + label, targetSchema);
  }

  /**
   * One split of a directory in the ratings TSV layout ({@code ../shared/data}'s), turned into
   * {@code Example} records by the ratings loader (deterministic) under {@code workDir} and read from there.
   */
  public static RecordSource ratings(Path dataDir, Split split, Path workDir, String label) {
    List<String> problems = AmazonRatingsLoader.layoutProblems(dataDir);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(label + " is not in the ratings layout: " + String.join("; ", problems));
    }
    CrossDomainData data = new AmazonRatingsLoader(AmazonRatingsConfig.builder(dataDir).build()).load(workDir);
    return new AvroFileSource(List.of(data.path(split)), "ratings TSV at " + label + ", split " + split.name()
        .toLowerCase(java.util.Locale.ROOT), Example.getClassSchema());
  }
}
