package io.crossdistill.mapper;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A spec that cannot be read or compiled, with every error (and warning) found; the REST edge turns it
 * into {@code 400 application/problem+json}.
 */
public final class MappingValidationException extends IllegalArgumentException {

  private final transient List<Problem> errors;
  private final transient List<Problem> warnings;

  public MappingValidationException(List<Problem> errors, List<Problem> warnings) {
    super(describe(errors));
    this.errors = List.copyOf(errors);
    this.warnings = List.copyOf(warnings);
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
