package io.crossdistill.mapper;

import io.crossdistill.mapper.internal.SpecCompiler;
import io.crossdistill.mapper.internal.SpecValidator;
import io.crossdistill.schemas.ValidationResult;
import io.crossdistill.v1.TeacherSignature;
import org.apache.avro.Schema;

/**
 * Entry point of the feature mapper: validates a {@link FeatureMappingSpec} against a teacher signature
 * and a target schema (every problem at once), and compiles it into a {@link CompiledMapper}.
 */
public final class FeatureMapping {

  /** Validation warns when more than this fraction of the teacher's inputs are defaulted. */
  public static final double DEFAULTED_WARNING_FRACTION = SpecValidator.DEFAULTED_WARNING_FRACTION;

  private FeatureMapping() {
  }

  /** Every error and warning of {@code spec}; never throws for a bad spec. */
  public static ValidationResult validate(FeatureMappingSpec spec, TeacherSignature signature, Schema targetSchema) {
    return SpecValidator.run(spec, signature, targetSchema).result();
  }

  /**
   * Validates and compiles.
   *
   * @throws MappingValidationException carrying every error when the spec is invalid
   */
  public static CompiledMapper compile(FeatureMappingSpec spec, TeacherSignature signature, Schema targetSchema) {
    SpecValidator validated = SpecValidator.run(spec, signature, targetSchema);
    validated.result().orThrow(MappingValidationException::new);
    return SpecCompiler.compile(spec, signature, targetSchema, validated);
  }
}
