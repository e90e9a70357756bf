package io.crossdistill.schemas;

import java.util.List;
import java.util.function.Function;

/**
 * Everything a validation found, never only the first problem: errors (the input cannot be used) and
 * warnings (it can, but a person should look), each with its JSON pointer, in the order found. The
 * feature mapper and the task aligner both answer validation with one of these.
 *
 * @param errors problems that make the input unusable
 * @param warnings problems worth a look that do not block
 */
public record ValidationResult(List<Problem> errors, List<Problem> warnings) {

  public ValidationResult {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }

  /** True when there are no errors (warnings never block). */
  public boolean isValid() {
    return errors.isEmpty();
  }

  /**
   * Returns this result when it has no errors, and otherwise throws the exception {@code failure} makes
   * of it, which carries every problem (each library has its own: {@code MappingValidationException::new},
   * {@code r -> new AlignmentException(what, r.errors())}).
   */
  public <E extends RuntimeException> ValidationResult orThrow(Function<? super ValidationResult, E> failure) {
    if (!isValid()) {
      throw failure.apply(this);
    }
    return this;
  }
}
