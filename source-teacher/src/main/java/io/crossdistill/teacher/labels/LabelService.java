package io.crossdistill.teacher.labels;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.crossdistill.labelling.LabelPath;
import io.crossdistill.labelling.LabelSink;
import io.crossdistill.labelling.Labeller;
import io.crossdistill.labelling.RunStamp;
import io.crossdistill.labelling.ServingTeacher;
import io.crossdistill.labelling.TargetRecords;
import io.crossdistill.mapper.CoverageAnalyzer;
import io.crossdistill.mapper.CoverageReport;
import io.crossdistill.mapper.DriftThresholds;
import io.crossdistill.mapper.FeatureMapping;
import io.crossdistill.mapper.FeatureMappingSpec;
import io.crossdistill.schemas.ValidationResult;
import io.crossdistill.teacher.config.ServiceSettings;
import io.crossdistill.schemas.Problem;
import io.crossdistill.teacher.metrics.ServiceMetrics;
import io.crossdistill.teacher.registry.ResourceKind;
import io.crossdistill.teacher.registry.Version;
import io.crossdistill.teacher.service.AlignmentService;
import io.crossdistill.teacher.service.MappingService;
import io.crossdistill.teacher.service.Conflict;
import io.crossdistill.teacher.service.Invalid;
import io.crossdistill.teacher.service.TeamAccess;
import io.crossdistill.teacher.service.TeacherService;
import io.crossdistill.v1.AlignedLabel;
import io.crossdistill.v1.DeadLetter;
import io.crossdistill.v1.TeacherSignature;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Online labels through the one label path: a request's mapping and alignment versions are resolved
 * once (with the caller's team access), the serving teacher version is held for the whole answer, the
 * records are decoded with the mapping's target schema and labelled by a {@link Labeller} of the cached
 * {@link LabelPath} (teacher outputs cached by mapped row), every refused record listed with its reasons.
 * Also the coverage and drift report of a sample and the scoring behind alignment fits.
 */
@ApplicationScoped
public class LabelService {

  /** Producer named in label provenance. */
  public static final String PRODUCER = "crossdistill-teacher 0.1.0";
  /** The run part of online labels' provenance (the request's records are its input). */
  private static final RunStamp ONLINE = new RunStamp(Map.of("labelPath", "online"), 0, "", PRODUCER);

  private final TeamAccess access;
  private final MappingService mappings;
  private final AlignmentService alignments;
  private final TeacherService teachers;
  private final ServiceMetrics metrics;
  private final TeacherOutputCache outputCache;
  private final Cache<String, LabelPath> paths;
  private final int maxBatch;
  private final int maxSample;

  /** A record that could not be labelled: its position in the request, its id and every reason. */
  public record Refused(int index, String recordId, List<String> errors) {
  }

  /** Labels for a request: one label per mapped record, one refusal per bad record, in request order. */
  public record Labelled(String teacherId, String teacherHash, String mapping, String alignment,
      List<AlignedLabel> labels, List<Refused> refused, int cacheHits) {
  }

  @Inject
  public LabelService(ServiceSettings settings, TeamAccess access, MappingService mappings,
      AlignmentService alignments, TeacherService teachers, ServiceMetrics metrics, MeterRegistry meters) {
    this.access = access;
    this.mappings = mappings;
    this.alignments = alignments;
    this.teachers = teachers;
    this.metrics = metrics;
    var cacheConfig = settings.config().cache();
    this.outputCache = new TeacherOutputCache(cacheConfig.teacherOutputsEnabled(), cacheConfig.teacherOutputsMaxBytes(), meters);
    this.paths = Caffeine.newBuilder().maximumSize(cacheConfig.compiledMaxEntries()).recordStats().build();
    CaffeineCacheMetrics.monitor(meters, paths, "label-paths");
    this.maxBatch = settings.config().labels().maxBatch();
    this.maxSample = settings.config().labels().maxSample();
  }

  /**
   * Refuses a sample (coverage or fit) that is empty ({@code emptyHint} says what to send) or larger than
   * {@code crossdistill.labels.max-sample}, at {@code pointer}.
   */
  void requireSampleSize(String pointer, List<?> sample, String emptyHint) {
    if (sample == null || sample.isEmpty()) {
      throw Invalid.at(pointer, "empty sample", emptyHint);
    }
    if (sample.size() > maxSample) {
      throw Invalid.at(pointer, "sample too large", sample.size() + " records; at most " + maxSample);
    }
  }

  public int maxBatch() {
    return maxBatch;
  }

  public TeacherOutputCache outputCache() {
    return outputCache;
  }

  /** Labels JSON records (objects shaped like the mapping's target schema) for {@code team}. */
  public Labelled labelJson(String team, LabelRequest request, boolean useCache) {
    if (request == null) {
      throw Invalid.at("", "empty body", "send {\"mapping\", \"alignment\", \"records\"}");
    }
    List<JsonNode> records = request.records() == null ? List.of() : request.records();
    checkSize(records.size());
    Version mapping = access.ref(ResourceKind.MAPPING, request.mapping(), "/mapping", team);
    Version alignment = access.ref(ResourceKind.ALIGNMENT, request.alignment(), "/alignment", team);
    Schema schema = mappings.targetSchema(mapping);
    List<TargetRecords.Decoded> decoded = new ArrayList<>(records.size());
    for (JsonNode record : records) {
      decoded.add(TargetRecords.fromJson(record, schema));
    }
    return label(mapping, alignment, schema, decoded, useCache);
  }

  /** Labels Avro binary records of the mapping's target schema, one after another, for {@code team}. */
  public Labelled labelAvro(String team, String mappingRef, String alignmentRef, byte[] body, boolean useCache) {
    Version mapping = access.ref(ResourceKind.MAPPING, mappingRef, "?mapping", team);
    Version alignment = access.ref(ResourceKind.ALIGNMENT, alignmentRef, "?alignment", team);
    Schema schema = mappings.targetSchema(mapping);
    List<TargetRecords.Decoded> decoded = TargetRecords.fromAvroBinary(body == null ? new byte[0] : body, schema,
        maxBatch);
    checkSize(decoded.size());
    return label(mapping, alignment, schema, decoded, useCache);
  }

  private void checkSize(int records) {
    if (records > maxBatch) {
      throw Invalid.at("/records", "too many records",
          records + " records; at most " + maxBatch + " per request (crossdistill.labels.max-batch)");
    }
  }

  private Labelled label(Version mapping, Version alignment, Schema schema, List<TargetRecords.Decoded> decoded,
      boolean useCache) {
    List<GenericRecord> records = new ArrayList<>(decoded.size());
    List<Refused> refused = new ArrayList<>();
    for (int i = 0; i < decoded.size(); i++) {
      TargetRecords.Decoded d = decoded.get(i);
      records.add(d.record());
      if (!d.ok()) {
        refused.add(new Refused(i, "#" + i, d.errors()));
      }
    }
    RunStamp run = ONLINE.withInput(TargetRecords.inputHash(decoded, schema));
    // one teacher version makes the whole answer, even if another starts serving meanwhile
    try (ServingTeacher.Lease teacher = teachers.lease()) {
      LabelPath path = path(mapping, alignment, teacher);
      List<AlignedLabel> labels = new ArrayList<>(records.size());
      Labeller.Result result = path.labeller(Math.max(1, records.size())).label(records, teacher, run,
          new LabelSink() {
            @Override
            public void accept(int index, AlignedLabel label) {
              labels.add(label);
            }

            @Override
            public void reject(int index, DeadLetter deadLetter) {
              refused.add(new Refused(index, deadLetter.getRecordId(), deadLetter.getErrors()));
            }
          }, useCache && outputCache.enabled() ? outputCache : null);
      refused.sort(Comparator.comparingInt(Refused::index));
      metrics.teacherForward(result.teacherNanos(), result.labelled() - result.cacheHits());
      metrics.labelsProduced(labels.size());
      metrics.recordsRefused(refused.size());
      return new Labelled(teacher.id(), teacher.contentHash(), mapping.ref(), alignment.ref(), labels, refused,
          result.cacheHits());
    }
  }

  /**
   * The label path of a mapping and an alignment version for the teacher version that will label
   * (cached). The mapping must have been validated against that version or, for a mapping that names
   * only its teacher id, still be valid for it (409 otherwise).
   */
  public LabelPath path(Version mapping, Version alignment, ServingTeacher.Lease teacher) {
    return paths.get(mapping.ref() + "|" + (alignment == null ? "" : alignment.ref()) + "#" + teacher.contentHash(),
        key -> {
          FeatureMappingSpec spec = followed(mapping, teacher);
          Schema schema = mappings.targetSchema(mapping);
          return alignment == null ? LabelPath.scoring(spec, schema, teacher.signature())
              : LabelPath.compile(spec, schema, alignments.spec(alignment), teacher.signature());
        });
  }

  /** The mapping's spec as the serving version scores it (its own teacher reference, or the followed one). */
  private FeatureMappingSpec followed(Version mapping, ServingTeacher.Lease teacher) {
    FeatureMappingSpec spec = mappings.spec(mapping);
    String validatedFor = mapping.attributes().get(MappingService.TEACHER_HASH);
    if (teacher.contentHash().equals(validatedFor)) {
      return spec;
    }
    if (MappingService.isPinned(mapping) || !spec.teacher().id().equals(teacher.id())) {
      throw new Conflict("mapping " + mapping.ref() + " was validated against teacher "
          + spec.teacher().id() + " (" + validatedFor + ")" + (MappingService.isPinned(mapping) ? ", which it pins," : "")
          + " but the serving teacher is " + teacher.id() + " (" + teacher.contentHash() + "); register a new "
          + "mapping version for it");
    }
    FeatureMappingSpec followed = new FeatureMappingSpec(spec.name(), spec.version(), spec.targetSchema(),
        new FeatureMappingSpec.TeacherRef(teacher.id(), teacher.contentHash()), spec.recordIdField(), spec.rules());
    ValidationResult result = FeatureMapping.validate(followed, teacher.signature(), mappings.targetSchema(mapping));
    if (!result.errors().isEmpty()) {
      throw new Conflict("mapping " + mapping.ref() + " is not valid for the serving version "
          + teacher.contentHash() + " of teacher " + teacher.id() + "; register a new mapping version for it",
          result.errors().stream().map(e -> new Problem(e.pointer(), e.message())).toList());
    }
    return followed;
  }

  /** The target schema of a mapping version (what its records are decoded with). */
  public Schema targetSchema(Version mapping) {
    return mappings.targetSchema(mapping);
  }

  /**
   * Coverage and drift of mapping {@code name} (version {@code version}, or the latest) over a sample of
   * JSON records, for {@code team}; every record problem at once.
   */
  public CoverageReport coverage(String team, String name, Optional<Integer> version, List<JsonNode> sample) {
    Version mapping = access.get(ResourceKind.MAPPING, name, version, team);
    requireSampleSize("/records", sample, "send at least one record");
    Schema schema = mappings.targetSchema(mapping);
    List<Problem> errors = new ArrayList<>();
    List<GenericRecord> records = new ArrayList<>(sample.size());
    for (int i = 0; i < sample.size(); i++) {
      TargetRecords.Decoded d = TargetRecords.fromJson(sample.get(i), schema);
      errors.addAll(TargetRecords.problems("/records/" + i, d));
      records.add(d.record());
    }
    if (!errors.isEmpty()) {
      throw new Invalid(errors.size() + " problem(s) in the sample records", errors);
    }
    return CoverageAnalyzer.analyze(mappings.spec(mapping), mappings.signature(mapping), schema, records,
        DriftThresholds.defaults());
  }

  /** A labelled sample scored by one teacher version, for fitting. */
  public record ScoredSample(Labeller.Scores scored, TeacherSignature teacher) {
  }

  /** Scores a labelled sample for fitting; refused records make the whole sample a 400. */
  public ScoredSample scoreSample(Version mapping, List<GenericRecord> records) {
    try (ServingTeacher.Lease teacher = teachers.lease()) {
      List<Problem> problems = new ArrayList<>();
      Labeller.Scores scores = path(mapping, null, teacher).labeller(Math.max(1, records.size())).score(records,
          teacher, outputCache.enabled() ? outputCache : null, new LabelSink() {
            @Override
            public void accept(int index, AlignedLabel label) {
              throw new IllegalStateException("scoring makes no labels");
            }

            @Override
            public void reject(int index, DeadLetter deadLetter) {
              deadLetter.getErrors().forEach(e -> problems.add(new Problem("/sample/" + index + "/record", e)));
            }
          });
      if (!problems.isEmpty()) {
        throw new Invalid(problems.size() + " problem(s): sample record(s) cannot be mapped", problems);
      }
      return new ScoredSample(scores, teacher.signature());
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
        Arrays.fill(column, Float.NaN);
        return column;
      })[rr] = e.getValue().isNumber() ? e.getValue().floatValue() : Float.NaN);
    }
    return columns;
  }
}
