package io.crossdistill.labelling;

import io.crossdistill.aligner.AlignedTask;
import io.crossdistill.aligner.CompiledAlignment;
import io.crossdistill.aligner.TaskAligner;
import io.crossdistill.aligner.TaskAlignmentSpec;
import io.crossdistill.mapper.CompiledMapper;
import io.crossdistill.mapper.FeatureMapping;
import io.crossdistill.mapper.FeatureMappingSpec;
import io.crossdistill.v1.Provenance;
import io.crossdistill.v1.TeacherSignature;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.avro.Schema;

/**
 * <b>The one label path</b>, compiled: a mapping version (target records → teacher input rows), the
 * teacher signature it was compiled for, and an alignment version (teacher heads → target tasks). REST
 * labels, backfills, Kafka streams and the demo's in-process labelling all label through a
 * {@link Labeller} of one of these. Thread-safe; each thread labels with its own {@link #labeller}.
 */
public final class LabelPath {

  private final FeatureMappingSpec mapping;
  private final Schema targetSchema;
  private final TeacherSignature teacher;
  private final TaskAlignmentSpec alignmentSpec;
  private final CompiledAlignment alignment;
  private final ConcurrentLinkedQueue<CompiledMapper> mappers = new ConcurrentLinkedQueue<>();

  private LabelPath(FeatureMappingSpec mapping, Schema targetSchema, TaskAlignmentSpec alignmentSpec,
      TeacherSignature teacher) {
    this.mapping = mapping;
    this.targetSchema = targetSchema;
    this.teacher = teacher;
    this.alignmentSpec = alignmentSpec;
    this.alignment = alignmentSpec == null ? null : TaskAligner.compile(alignmentSpec, teacher);
    mappers.add(FeatureMapping.compile(mapping, teacher, targetSchema));
  }

  /**
   * Compiles a (validated) mapping version for its target schema and a teacher signature, and an
   * (applicable, i.e. fitted) alignment version for the same signature.
   *
   * @throws IllegalArgumentException when the mapping or the alignment does not fit the signature
   */
  public static LabelPath compile(FeatureMappingSpec mapping, Schema targetSchema, TaskAlignmentSpec alignment,
      TeacherSignature teacher) {
    return new LabelPath(mapping, targetSchema, alignment, teacher);
  }

  /**
   * The mapping half of a path, without an alignment: its labellers only {@link Labeller#score score}
   * (raw teacher outputs, e.g. of the labelled sample an alignment is fitted on).
   */
  public static LabelPath scoring(FeatureMappingSpec mapping, Schema targetSchema, TeacherSignature teacher) {
    return new LabelPath(mapping, targetSchema, null, teacher);
  }

  /** A labeller with room for {@code batchRows} rows per forward pass; use it from one thread. */
  public Labeller labeller(int batchRows) {
    return new Labeller(this, batchRows);
  }

  /** {@code name@version} of the mapping. */
  public String mappingRef() {
    return mapping.name() + "@" + mapping.version();
  }

  /** {@code name@version} of the alignment. */
  public String alignmentRef() {
    return alignmentSpec == null ? "" : alignmentSpec.name() + "@" + alignmentSpec.version();
  }

  public FeatureMappingSpec mapping() {
    return mapping;
  }

  public TaskAlignmentSpec alignmentSpec() {
    return alignmentSpec;
  }

  public CompiledAlignment alignment() {
    return alignment;
  }

  /** The target schema records are read with. */
  public Schema targetSchema() {
    return targetSchema;
  }

  /** The signature the path was compiled for; the teacher that answers must have the same inputs and heads. */
  public TeacherSignature teacher() {
    return teacher;
  }

  /** The aligned columns, in the order of each label's values. */
  public List<AlignedTask> columns() {
    return alignment == null ? List.of() : alignment.tasks();
  }

  /**
   * The full provenance of labels made by {@code answering} on this path for {@code run}: the teacher
   * stamps its id, content hash and its own training hyper-parameters and seed (as {@code teacher.*}
   * hyper-parameters), the mapping its name and version, the alignment its own, the run the rest.
   */
  public Provenance stamp(TeacherSignature answering, RunStamp run) {
    Map<String, String> hyperParameters = new TreeMap<>();
    Provenance trained = answering.getProvenance();
    if (trained != null) {
      trained.getHyperParameters().forEach((k, v) -> hyperParameters.put("teacher." + k, v));
      hyperParameters.put("teacher.seed", Long.toString(trained.getSeed()));
    }
    hyperParameters.putAll(run.hyperParameters());
    Provenance base = Provenance.newBuilder(run.toProvenance())
        .setHyperParameters(hyperParameters)
        .setTeacherId(answering.getTeacherId())
        .setTeacherHash(answering.getContentHash())
        .setMappingName(mapping.name())
        .setMappingVersion(mapping.version())
        .build();
    return alignment == null ? base : alignment.stamp(base);
  }

  CompiledMapper borrowMapper() {
    CompiledMapper mapper = mappers.poll();
    return mapper != null ? mapper : FeatureMapping.compile(mapping, teacher, targetSchema);
  }

  void returnMapper(CompiledMapper mapper) {
    mappers.offer(mapper);
  }
}
