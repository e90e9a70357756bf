package io.crossdistill.teacher.labels;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.crossdistill.aligner.CompiledAlignment;
import io.crossdistill.aligner.TaskAligner;
import io.crossdistill.labelling.ServingTeacher;
import io.crossdistill.mapper.CoverageAnalyzer;
import io.crossdistill.mapper.CoverageReport;
import io.crossdistill.mapper.DriftThresholds;
import io.crossdistill.mapper.FeatureMapping;
import io.crossdistill.mapper.FeatureMappingSpec;
import io.crossdistill.mapper.ValidationResult;
import io.crossdistill.schemas.ContentHash;
import io.crossdistill.teacher.config.ServiceSettings;
import io.crossdistill.teacher.errors.ApiException;
import io.crossdistill.teacher.errors.ProblemItem;
import io.crossdistill.teacher.metrics.ServiceMetrics;
import io.crossdistill.teacher.registry.Version;
import io.crossdistill.teacher.service.AlignmentService;
import io.crossdistill.teacher.service.MappingService;
import io.crossdistill.teacher.service.TeacherService;
import io.crossdistill.v1.AlignedLabel;
import io.crossdistill.v1.Provenance;
import io.crossdistill.v1.TeacherSignature;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Online labels: target records → mapped rows → teacher outputs (cached) → aligned labels with
 * provenance, plus the coverage and drift report of a sample and the scoring behind alignment fits.
 * Compiled mappers and alignments are cached by version in Caffeine.
 */
@ApplicationScoped
public class LabelService {

  /** Producer named in label provenance. */
  public static final String PRODUCER = "crossdistill-teacher 0.1.0";

  private final MappingService mappings;
  private final AlignmentService alignments;
  private final TeacherService teachers;
  private final ServiceMetrics metrics;
  private final TeacherOutputCache outputCache;
  private final Scorer scorer;
  private final Cache<String, MappingRuntime> compiledMappings;
  private final Cache<String, CompiledAlignment> compiledAlignments;
  private final int maxBatch;
  private final int maxSample;

  /** Labels for a request: one label per mapped record, one refusal per bad record. */
  public record Labelled(String teacherId, String teacherHash, String mapping, String alignment,
      List<AlignedLabel> labels, List<Scorer.Refused> refused, int cacheHits) {
  }

  @Inject
  public LabelService(ServiceSettings settings, MappingService mappings, AlignmentService alignments,
      TeacherService teachers, ServiceMetrics metrics, MeterRegistry meters) {
    this.mappings = mappings;
    this.alignments = alignments;
    this.teachers = teachers;
    this.metrics = metrics;
    var cacheConfig = settings.config().cache();
    this.outputCache = new TeacherOutputCache(cacheConfig.teacherOutputsEnabled(), cacheConfig.teacherOutputsMaxBytes(), meters);
    this.scorer = new Scorer(outputCache, metrics);
    this.compiledMappings = Caffeine.newBuilder().maximumSize(cacheConfig.compiledMaxEntries()).recordStats().build();
    this.compiledAlignments = Caffeine.newBuilder().maximumSize(cacheConfig.compiledMaxEntries()).recordStats().build();
    CaffeineCacheMetrics.monitor(meters, compiledMappings, "compiled-mappings");
    CaffeineCacheMetrics.monitor(meters, compiledAlignments, "compiled-alignments");
    this.maxBatch = settings.config().labels().maxBatch();
    this.maxSample = settings.config().labels().maxSample();
  }

  public int maxSample() {
    return maxSample;
  }

  public int maxBatch() {
    return maxBatch;
  }

  public TeacherOutputCache outputCache() {
    return outputCache;
  }

  /** The compiled form of a mapping version for the teacher version it was validated against (cached). */
  public MappingRuntime mapping(Version mapping) {
    return compiledMappings.get(mapping.ref(), ref -> MappingRuntime.compile(ref, mappings.spec(mapping),
        mappings.targetSchema(mapping), mappings.signature(mapping)));
  }

  /**
   * The compiled form of a mapping version for the teacher version that will score it (cached): the one
   * the mapping was validated against, or, for a mapping that names only its teacher id, a later version
   * of that teacher that the mapping is still valid for (409 otherwise).
   */
  public MappingRuntime mapping(Version mapping, ServingTeacher.Lease teacher) {
    String validatedFor = mapping.attributes().get(MappingService.TEACHER_HASH);
    if (teacher.contentHash().equals(validatedFor)) {
      return mapping(mapping);
    }
    FeatureMappingSpec spec = mappings.spec(mapping);
    if (MappingService.isPinned(mapping) || !spec.teacher().id().equals(teacher.id())) {
      throw ApiException.conflict("mapping " + mapping.ref() + " was validated against teacher "
          + spec.teacher().id() + " (" + validatedFor + ")" + (MappingService.isPinned(mapping) ? ", which it pins," : "")
          + " but the serving teacher is " + teacher.id() + " (" + teacher.contentHash() + "); register a new "
          + "mapping version for it", List.of());
    }
    return compiledMappings.get(mapping.ref() + "#" + teacher.contentHash(), ref -> {
      FeatureMappingSpec followed = new FeatureMappingSpec(spec.name(), spec.version(), spec.targetSchema(),
          new FeatureMappingSpec.TeacherRef(teacher.id(), teacher.contentHash()), spec.recordIdField(), spec.rules());
      Schema schema = mappings.targetSchema(mapping);
      ValidationResult result = FeatureMapping.validate(followed, teacher.signature(), schema);
      if (!result.errors().isEmpty()) {
        throw ApiException.conflict("mapping " + mapping.ref() + " is not valid for the serving version "
            + teacher.contentHash() + " of teacher " + teacher.id() + "; register a new mapping version for it",
            result.errors().stream().map(e -> new ProblemItem(e.pointer(), e.message())).toList());
      }
      return MappingRuntime.compile(mapping.ref(), followed, schema, teacher.signature());
    });
  }

  /** The compiled form of an alignment version for a teacher version (cached). */
  public CompiledAlignment alignment(Version alignment, ServingTeacher.Lease teacher) {
    return compiledAlignments.get(alignment.ref() + "#" + teacher.contentHash(),
        k -> TaskAligner.compile(alignments.spec(alignment), teacher.signature()));
  }

  /** Labels decoded records ({@code null} entries were refused at decoding, with {@code decodeErrors}). */
  public Labelled label(Version mapping, Version alignment, List<TargetRecords.Decoded> decoded, boolean useCache) {
    if (decoded.size() > maxBatch) {
      throw ApiException.badRequest("too many records", List.of(new ProblemItem("/records",
          decoded.size() + " records; at most " + maxBatch + " per request (crossdistill.labels.max-batch)")));
    }
    // one teacher version makes the whole answer, even if another starts serving meanwhile
    try (ServingTeacher.Lease teacher = teachers.lease()) {
      return label(teacher, mapping, alignment, decoded, useCache);
    }
  }

  private Labelled label(ServingTeacher.Lease teacher, Version mapping, Version alignment, List<TargetRecords.Decoded> decoded,
      boolean useCache) {
    MappingRuntime runtime = mapping(mapping, teacher);
    CompiledAlignment compiled = alignment(alignment, teacher);
    List<GenericRecord> records = new ArrayList<>(decoded.size());
    List<Scorer.Refused> refused = new ArrayList<>();
    for (int i = 0; i < decoded.size(); i++) {
      TargetRecords.Decoded d = decoded.get(i);
      records.add(d.record());
      if (!d.ok()) {
        refused.add(new Scorer.Refused(i, "#" + i, d.errors()));
      }
    }
    Scorer.Scored scored = scorer.score(runtime, teacher, records, useCache);
    refused.addAll(scored.refused());
    refused.sort(java.util.Comparator.comparingInt(Scorer.Refused::index));
    float[] out = compiled.apply(scored.outputs(), scored.rows());
    Provenance base = Provenance.newBuilder()
        .setTeacherId(teacher.id())
        .setTeacherHash(teacher.contentHash())
        .setMappingName(mapping.name())
        .setMappingVersion(mapping.version())
        .setProducer(PRODUCER)
        .build();
    List<AlignedLabel> labels = new ArrayList<>(scored.rows());
    for (int r = 0; r < scored.rows(); r++) {
      Provenance provenance = Provenance.newBuilder(base)
          .setInputDataHash(recordHash(records.get(scored.inputIndex()[r])))
          .build();
      labels.add(compiled.toRecord(scored.exampleIds()[r], out, r, provenance));
    }
    metrics.labelsProduced(labels.size());
    metrics.recordsRefused(refused.size());
    return new Labelled(teacher.id(), teacher.contentHash(), mapping.ref(), alignment.ref(), labels, refused,
        scored.cacheHits());
  }

  /** Coverage and drift of a mapping version over a sample. */
  public CoverageReport coverage(Version mapping, List<GenericRecord> records) {
    MappingRuntime runtime = mapping(mapping);
    return CoverageAnalyzer.analyze(runtime.spec(), runtime.signature(), runtime.schema(), records,
        DriftThresholds.defaults());
  }

  /** A labelled sample scored by one teacher version, for fitting. */
  public record ScoredSample(Scorer.Scored scored, TeacherSignature teacher) {
  }

  /** Scores a labelled sample for fitting; refused records make the whole sample a 400. */
  public ScoredSample scoreSample(Version mapping, List<GenericRecord> records) {
    try (ServingTeacher.Lease teacher = teachers.lease()) {
      Scorer.Scored scored = scorer.score(mapping(mapping, teacher), teacher, records, true);
      if (!scored.refused().isEmpty()) {
        throw ApiException.badRequest(scored.refused().size() + " sample record(s) cannot be mapped",
            scored.refused().stream().flatMap(r -> r.errors().stream()
                .map(e -> new ProblemItem("/sample/" + r.index() + "/record", e))).toList());
      }
      return new ScoredSample(scored, teacher.signature());
    }
  }

  /** True labels of a sample, by task: NaN where a row has none. */
  public static Map<String, float[]> labelColumns(List<JsonNode> labels, int[] inputIndex) {
    Map<String, float[]> columns = new HashMap<>();
    for (int r = 0; r < inputIndex.length; r++) {
      JsonNode row = labels.get(inputIndex[r]);
      int rr = r;
      row.properties().forEach(e -> columns.computeIfAbsent(e.getKey(), k -> {
        float[] column = new float[inputIndex.length];
        java.util.Arrays.fill(column, Float.NaN);
        return column;
      })[rr] = e.getValue().isNumber() ? e.getValue().floatValue() : Float.NaN);
    }
    return columns;
  }

  private static String recordHash(GenericRecord record) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    try {
      new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new IllegalStateException("in-memory Avro encoding failed", e);
    }
    java.security.MessageDigest digest = ContentHash.sha256();
    digest.update(bytes.toByteArray());
    return ContentHash.hex(digest);
  }

}
