package io.crossdistill.datasets;

import io.crossdistill.schemas.ContainerReader;
import io.crossdistill.v1.Example;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A cross-domain data set on disk: the schemas of the source (teacher) and target (student) domains and
 * five Avro container files of {@link Example}, one per {@link Split}. Loaders and the simulator write
 * the files into a directory chosen by the caller and return this description of them; read a split
 * with {@link #open(Split)}.
 *
 * @param source schema of the source domain's examples
 * @param target schema of the target domain's examples
 * @param sourceTrain Avro file of source training examples
 * @param sourceValid Avro file of source validation examples
 * @param targetTrain Avro file of target training examples
 * @param targetValid Avro file of target validation examples
 * @param targetTest Avro file of target test examples
 * @param counts number of examples per split, keyed by {@link Split#key()}
 * @param description human-readable provenance: where the data came from and with which settings
 */
public record CrossDomainData(
    DomainSchema source,
    DomainSchema target,
    Path sourceTrain,
    Path sourceValid,
    Path targetTrain,
    Path targetValid,
    Path targetTest,
    Map<String, Long> counts,
    String description) {

  /** Checks that nothing is missing and freezes the counts (sorted by key). */
  public CrossDomainData {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(sourceTrain, "sourceTrain");
    Objects.requireNonNull(sourceValid, "sourceValid");
    Objects.requireNonNull(targetTrain, "targetTrain");
    Objects.requireNonNull(targetValid, "targetValid");
    Objects.requireNonNull(targetTest, "targetTest");
    Objects.requireNonNull(description, "description");
    counts = Collections.unmodifiableMap(new TreeMap<>(counts));
  }

  /** The file of one split. */
  public Path path(Split split) {
    return switch (split) {
      case SOURCE_TRAIN -> sourceTrain;
      case SOURCE_VALID -> sourceValid;
      case TARGET_TRAIN -> targetTrain;
      case TARGET_VALID -> targetValid;
      case TARGET_TEST -> targetTest;
    };
  }

  /** The schema of the domain a split belongs to. */
  public DomainSchema schema(Split split) {
    return split.isSource() ? source : target;
  }

  /** Number of examples in one split (0 if the split is empty). */
  public long count(Split split) {
    return counts.getOrDefault(split.key(), 0L);
  }

  /**
   * Streams the examples of one split. Iterate once, then close the reader (try-with-resources).
   */
  public ContainerReader<Example> open(Split split) {
    return ExampleFiles.read(path(split));
  }
}
