package io.crossdistill.mapper;

import java.util.List;
import java.util.Objects;

/**
 * A declarative feature mapping: which target schema it reads, which teacher signature it writes, and
 * exactly one {@link Rule} per teacher input. A spec is a plain value; {@link FeatureMapping#validate}
 * checks it against the teacher signature and the target schema, {@link FeatureMapping#compile} turns
 * it into a {@link CompiledMapper}. {@link MappingJson} and {@link MappingAvro} convert it losslessly.
 *
 * @param name          mapping name, e.g. {@code music-to-video}
 * @param version       version of this mapping (registered specs are immutable; edits make a new one)
 * @param targetSchema  full name of the target Avro record schema
 * @param teacher       the teacher signature this mapping writes
 * @param recordIdField field path of the record id, used to name bad records ({@code /id} by default)
 * @param rules         one rule per teacher input
 */
public record FeatureMappingSpec(String name, int version, String targetSchema, TeacherRef teacher,
    String recordIdField, List<Rule> rules) {

  /** Default field path of the record id. */
  public static final String DEFAULT_RECORD_ID_FIELD = "/id";

  public FeatureMappingSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(targetSchema, "targetSchema");
    Objects.requireNonNull(teacher, "teacher");
    Objects.requireNonNull(recordIdField, "recordIdField");
    rules = List.copyOf(rules);
  }

  /**
   * The teacher signature a mapping is written for.
   *
   * @param id          teacher id of the signature
   * @param contentHash content hash of the teacher artifact (empty for an unsealed teacher)
   */
  public record TeacherRef(String id, String contentHash) {
    public TeacherRef {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(contentHash, "contentHash");
    }
  }
}
