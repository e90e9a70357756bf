package io.crossdistill.mapper;

import java.util.List;

/**
 * Everything validation found in a spec: errors (the spec cannot be compiled) and warnings (it can,
 * but a person should look), each in spec order.
 */
public record ValidationResult(List<Problem> errors, List<Problem> warnings) {

  public ValidationResult {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }

  public boolean isValid() {
    return errors.isEmpty();
  }

  /** Throws a {@link MappingValidationException} carrying every problem when there is any error. */
  public ValidationResult orThrow() {
    if (!isValid()) {
      throw new MappingValidationException(errors, warnings);
    }
    return this;
  }
}
