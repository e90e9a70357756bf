package io.crossdistill.teacher.backfill;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A backfill job as a team asks for it ({@code POST /api/v1/backfills}), and as the service keeps it once
 * resolved: the teacher with its content hash, the mapping and alignment as {@code name@version}, the split
 * and the job settings filled in.
 *
 * @param teacher the teacher that labels: it must be the version that serves
 * @param mapping {@code name} (the latest version) or {@code name@version}
 * @param alignment {@code name} or {@code name@version} of an alignment that can be applied (fitted)
 * @param input what to label, under the backfill data root
 * @param batchRows rows per teacher forward pass (default {@code 512})
 * @param shardRecords input records per shard and checkpoint (default {@code 100000}); part of what names
 *     the label set
 * @param seed the run's seed, stamped in every label's provenance (default 0; labelling draws no random numbers)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record BackfillRequest(TeacherRef teacher, String mapping, String alignment, Input input, Integer batchRows,
    Integer shardRecords, Long seed) {

  /** Input type: Avro container files of the mapping's target schema. */
  public static final String AVRO = "avro";
  /** Input type: a directory in the ratings TSV layout, one split of it. */
  public static final String RATINGS = "ratings";
  /** Input type: offset ranges of a Kafka topic of target records (Avro binary), on the stream's cluster. */
  public static final String KAFKA = "kafka";

  /**
   * The teacher that labels.
   *
   * @param id teacher id
   * @param contentHash the version; when absent, the version that serves
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @RegisterForReflection
  public record TeacherRef(String id, String contentHash) {
  }

  /**
   * What a job reads.
   *
   * @param type {@value #AVRO}, {@value #RATINGS} or {@value #KAFKA}
   * @param path an Avro file or a directory of {@code .avro} files, or a ratings layout directory; relative
   *     to the backfill data root (or absolute inside it)
   * @param split for ratings: the split to label, e.g. {@code target_train} (the default)
   * @param topic for kafka: the topic of target records
   * @param ranges for kafka: the offset range of each partition to read, {@code [from, to)}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @RegisterForReflection
  public record Input(String type, String path, String split, String topic, java.util.List<Range> ranges) {

    /** A file input ({@value #AVRO} or {@value #RATINGS}). */
    public Input(String type, String path, String split) {
      this(type, path, split, null, null);
    }
  }

  /**
   * Offsets {@code [from, to)} of one partition.
   *
   * @param partition the partition
   * @param from first offset read
   * @param to offset after the last one read
   */
  @RegisterForReflection
  public record Range(Integer partition, Long from, Long to) {
  }
}
