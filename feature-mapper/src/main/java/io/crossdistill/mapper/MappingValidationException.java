package io.crossdistill.mapper;

import io.crossdistill.schemas.Problem;
import io.crossdistill.schemas.ValidationResult;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A spec that cannot be read or compiled, with every error (and warning) found as the shared
 * {@link Problem}s; the REST edge turns it into {@code 400 application/problem+json}.
 */
public final class MappingValidationException extends IllegalArgumentException {

  private final transient List<Problem> errors;
  private final transient List<Problem> warnings;

  public MappingValidationException(List<Problem> errors, List<Problem> warnings) {
    super(describe(errors));
    this.errors = List.copyOf(errors);
    this.warnings = List.copyOf(warnings);
  }

  /** The errors and warnings of a failed validation ({@code result.orThrow(MappingValidationException::new)}). */
  public MappingValidationException(ValidationResult result) {
    this(result.errors(), result.warnings());
  }

  public List<Problem> errors() {
    return errors;
  }

  public List<Problem> warnings() {
    return warnings;
  }

  private static String describe(List<Problem> errors) {
    return errors.size() + " error(s) in feature mapping spec:\n"
        + errors.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
  }
}
