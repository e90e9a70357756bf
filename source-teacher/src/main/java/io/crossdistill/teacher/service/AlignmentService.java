package io.crossdistill.teacher.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.crossdistill.aligner.AlignmentJson;
import io.crossdistill.aligner.FitReport;
import io.crossdistill.aligner.FittedAlignment;
import io.crossdistill.aligner.TaskAligner;
import io.crossdistill.aligner.TaskAlignmentSpec;
import io.crossdistill.schemas.Problem;
import io.crossdistill.schemas.ValidationResult;
import io.crossdistill.teacher.registry.Registration;
import io.crossdistill.teacher.registry.ResourceKind;
import io.crossdistill.teacher.registry.Version;
import io.crossdistill.teacher.registry.VersionedRegistry;
import io.crossdistill.v1.TeacherSignature;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * Task alignments: each POST is validated against the serving teacher's heads (every error with its
 * JSON pointer) and registered as the next immutable version; fitting a version on a labelled sample
 * registers the fitted spec as a new version that keeps its fit report.
 */
@ApplicationScoped
public class AlignmentService {

  private final java.util.Map<String, TaskAlignmentSpec> parsedSpecs = new java.util.concurrent.ConcurrentHashMap<>();

  /** Attribute: content hash of the teacher the alignment was validated against. */
  public static final String TEACHER_HASH = "teacherHash";
  /** Attribute: the version a fitted version was fitted from. */
  public static final String FITTED_FROM = "fittedFrom";
  /** Attribute: the fit report (JSON) of a fitted version. */
  public static final String FIT_REPORT = "fitReport";

  private final VersionedRegistry registry;
  private final TeacherService teachers;

  /** A registration and the validation warnings. */
  public record Registered(Registration registration, List<Problem> warnings) {
  }

  @Inject
  public AlignmentService(VersionedRegistry registry, TeacherService teachers) {
    this.registry = registry;
    this.teachers = teachers;
  }

  /** Validates and registers a spec for {@code team}; a version in the body is ignored. */
  public Registered register(JsonNode body, String team) {
    PreparedSpec prepared = prepare(body, team);
    return new Registered(prepared.register(registry), prepared.warnings());
  }

  /** What {@link #register} would answer for {@code body}, by the same checks, without registering. */
  public SpecValidation validate(JsonNode body, String team) {
    return SpecValidation.of(body, () -> prepare(body, team));
  }

  /** Every check of registration; throws the refusal a registration answers. */
  private PreparedSpec prepare(JsonNode body, String team) {
    TaskAlignmentSpec spec = AlignmentJson.read(MappingService.withPlaceholderVersion(body));
    TeacherSignature teacher = teachers.requireServing();
    ValidationResult result = TaskAligner.validate(spec, teacher);
    result.orThrow(r -> new Invalid("alignment '" + spec.name() + "' is not valid for teacher '"
        + teacher.getTeacherId() + "': " + r.errors().size() + " error(s)", r.errors(), r.warnings()));
    return prepared(spec, team, Map.of(TEACHER_HASH, teacher.getContentHash()), result.warnings());
  }

  /**
   * Fits {@code version} on teacher outputs of a labelled sample and registers the fitted spec.
   *
   * @param teacherOutputs row-major {@code rows × heads} outputs of {@code signature}'s teacher
   */
  public Fitted fit(Version version, TeacherSignature signature, float[] teacherOutputs, int rows,
      Map<String, float[]> labels, java.util.function.Function<FitReport, String> reportWriter) {
    TaskAlignmentSpec spec = spec(version);
    FittedAlignment fitted = TaskAligner.fit(spec, signature, teacherOutputs, rows, labels);
    String report = reportWriter.apply(fitted.report());
    Registration registration = prepared(fitted.spec(), version.owner(), Map.of(TEACHER_HASH,
        signature.getContentHash(), FITTED_FROM, Integer.toString(version.version()), FIT_REPORT, report), List.of())
        .register(registry);
    return new Fitted(registration, fitted.report());
  }

  /** A fitted registration and its report. */
  public record Fitted(Registration registration, FitReport report) {
  }

  private PreparedSpec prepared(TaskAlignmentSpec spec, String team, Map<String, String> attributes,
      List<Problem> warnings) {
    return PreparedSpec.of(registry, ResourceKind.ALIGNMENT, spec.name(), team, AlignmentJson.write(spec.withVersion(1)),
        attributes, warnings);
  }

  /** The spec of a registered version, with its version number. */
  public TaskAlignmentSpec spec(Version version) {
    // registered versions never change: each is parsed once
    return parsedSpecs.computeIfAbsent(version.ref() + "#" + version.contentHash(),
        k -> AlignmentJson.read(version.body()).withVersion(version.version()));
  }
}
