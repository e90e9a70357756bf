package io.crossdistill.teacher.backfill;

import io.crossdistill.datasets.Split;
import io.crossdistill.labelling.Backfill;
import io.crossdistill.labelling.KafkaRecordSource;
import io.crossdistill.labelling.LabelPath;
import io.crossdistill.labelling.RecordSource;
import io.crossdistill.labelling.RecordSources;
import io.crossdistill.labelling.RunStamp;
import io.crossdistill.labelling.ServingTeacher;
import io.crossdistill.teacher.labels.LabelService;
import io.crossdistill.v1.Example;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * A checked backfill, ready to run: the resolved request, the label path compiled for the serving teacher
 * version, a lease that keeps that version answering for the job's whole life (a hot swap meanwhile does
 * not change its labels), the job settings and the input files. Close it when the job has ended.
 *
 * @param request the resolved request, as the job's record keeps it
 * @param path the label path
 * @param lease the teacher version that labels
 * @param options batch and shard sizes
 * @param input the files to read
 */
public record BackfillPlan(BackfillRequest request, LabelPath path, ServingTeacher.Lease lease, Backfill.Options options,
    InputFiles input) implements AutoCloseable {

  /**
   * The input, confined to the data root.
   *
   * @param path the file or directory named
   * @param label its path under the data root (what manifests name: no machine paths)
   * @param files the Avro files, in reading order (empty for ratings)
   * @param split the ratings split (null for Avro)
   * @param topic the Kafka input (null for files)
   */
  public record InputFiles(Path path, String label, List<Path> files, Split split, KafkaInput topic) {

    /** Offset ranges of a topic on a cluster. */
    public record KafkaInput(String bootstrapServers, Map<String, String> clientProperties, String topic,
        List<KafkaRecordSource.Range> ranges) {
    }

    static InputFiles avro(Path path, String label, List<Path> files) {
      return new InputFiles(path, label, List.copyOf(files), null, null);
    }

    static InputFiles ratings(Path path, String label, Split split) {
      return new InputFiles(path, label, List.of(), split, null);
    }

    static InputFiles kafka(KafkaInput topic) {
      return new InputFiles(null, "topic " + topic.topic() + " " + topic.ranges().stream()
          .map(r -> r.partition() + ":[" + r.from() + "," + r.to() + ")").toList(), List.of(), null, topic);
    }

    boolean ratings() {
      return split != null;
    }

    boolean kafka() {
      return topic != null;
    }

    /** How the job's record names it. */
    BackfillRequest.Input request() {
      if (kafka()) {
        return new BackfillRequest.Input(BackfillRequest.KAFKA, null, null, topic.topic(), topic.ranges().stream()
            .map(r -> new BackfillRequest.Range(r.partition(), r.from(), r.to())).toList());
      }
      return ratings()
          ? new BackfillRequest.Input(BackfillRequest.RATINGS, label, split.name().toLowerCase(Locale.ROOT))
          : new BackfillRequest.Input(BackfillRequest.AVRO, label, null);
    }
  }

  /**
   * Whether the input hash (and so the label set) is known before the job runs: Avro files are hashed as
   * they are; a ratings directory is converted first and a topic range read once, by the job.
   */
  boolean keyedAtSubmit() {
    return !input.ratings() && !input.kafka();
  }

  /**
   * Opens the input; a ratings directory is first turned into {@code Example} records under {@code workDir}
   * (the ratings loader, deterministic), which takes a while.
   */
  RecordSource open(Path workDir) {
    if (input.kafka()) {
      InputFiles.KafkaInput topic = input.topic();
      return KafkaRecordSource.open(topic.bootstrapServers(), topic.topic(), topic.ranges(), path.targetSchema(),
          topic.clientProperties(), java.time.Duration.ofSeconds(30));
    }
    return input.ratings()
        ? RecordSources.ratings(input.path(), input.split(), workDir, input.label())
        : RecordSources.avroFiles(input.path(), input.label(), path.targetSchema());
  }

  /** The run's part of the labels' provenance. */
  RunStamp run() {
    return stamp(request.seed());
  }

  /**
   * The run stamp of a backfill, the service's and the command line's alike. Neither the batch size nor
   * the shard size is a hyper-parameter: they change no label (a resumed job keeps its checkpoint's shard
   * size), so they must not change the labels' bytes either.
   */
  public static RunStamp stamp(long seed) {
    return new RunStamp(Map.of(), seed, "", LabelService.PRODUCER);
  }

  /**
   * Why a mapping whose target schema is {@code target} cannot read a ratings input (which gives
   * {@code Example} records), if it cannot: the schemas must be the same.
   */
  public static Optional<String> ratingsSchemaProblem(Schema target) {
    Schema example = Example.getClassSchema();
    if (SchemaNormalization.parsingFingerprint64(target) == SchemaNormalization.parsingFingerprint64(example)) {
      return Optional.empty();
    }
    return Optional.of("a ratings input gives " + example.getFullName() + " records, but the mapping reads "
        + target.getFullName() + " (use a mapping from the Example schema)");
  }

  @Override
  public void close() {
    lease.close();
  }
}
