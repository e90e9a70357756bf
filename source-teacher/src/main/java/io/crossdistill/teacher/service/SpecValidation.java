package io.crossdistill.teacher.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.crossdistill.aligner.AlignmentException;
import io.crossdistill.mapper.MappingValidationException;
import io.crossdistill.schemas.Problem;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What registering a spec would answer, found without registering it: the errors and warnings the
 * registration would list (the same checks, run by the same code), the spec's name, the version a
 * registration would create, or the existing version an identical text would return.
 *
 * @param valid whether a registration would succeed
 * @param name the spec's {@code name}, when the text has one
 * @param nextVersion the version a registration would create (absent when invalid or identical to one)
 * @param identicalTo the existing version holding the same spec (a registration answers 200 with it)
 */
public record SpecValidation(boolean valid, List<Problem> errors, List<Problem> warnings, Optional<String> name,
    Optional<Integer> nextVersion, Optional<Integer> identicalTo) {

  public SpecValidation {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }

  /** A text that is not JSON (or not UTF-8): the one problem its registration would be refused with. */
  public static SpecValidation unreadable(Problem problem) {
    return new SpecValidation(false, List.of(problem), List.of(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * Runs {@code prepare} (the checks of registration) and says what registering would do; every refusal it
   * throws becomes the problems the registration's answer would list.
   */
  static SpecValidation of(JsonNode body, Supplier<PreparedSpec> prepare) {
    Optional<String> name = Optional.ofNullable(body).map(b -> b.get("name")).filter(JsonNode::isTextual)
        .map(JsonNode::asText);
    try {
      PreparedSpec spec = prepare.get();
      Optional<Integer> identical = spec.preview().same().map(v -> v.version());
      return new SpecValidation(true, List.of(), spec.warnings(), Optional.of(spec.name()),
          identical.isPresent() ? Optional.empty() : Optional.of(spec.preview().next()), identical);
    } catch (MappingValidationException e) {
      return refused(name, e.errors(), e.warnings());
    } catch (AlignmentException e) {
      return refused(name, e.problems(), List.of());
    } catch (Invalid e) {
      return refused(name, e.errors(), e.warnings());
    } catch (ServiceException e) {
      // forbidden, not found, unavailable: the registration answers the detail, here it is the one error
      return refused(name, e.errors().isEmpty() ? List.of(new Problem("", e.getMessage())) : e.errors(), List.of());
    }
  }

  private static SpecValidation refused(Optional<String> name, List<Problem> errors, List<Problem> warnings) {
    return new SpecValidation(false, errors, warnings, name, Optional.empty(), Optional.empty());
  }
}
