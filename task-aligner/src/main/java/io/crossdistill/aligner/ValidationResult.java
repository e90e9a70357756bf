package io.crossdistill.aligner;

import java.util.List;

/**
 * The outcome of validating an alignment spec against a teacher signature: every error and every warning,
 * each with its JSON pointer. A spec with errors can be neither fitted nor compiled; warnings never block.
 *
 * @param errors   problems that make the spec unusable
 * @param warnings problems worth a look that do not block
 */
public record ValidationResult(List<Problem> errors, List<Problem> warnings) {

    public ValidationResult {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    /** @return true when there are no errors */
    public boolean isValid() {
        return errors.isEmpty();
    }

    /**
     * @param what what was being done, for the exception's message
     * @return this result when it has no errors
     * @throws AlignmentException listing every error otherwise
     */
    public ValidationResult orThrow(String what) {
        if (!errors.isEmpty()) {
            throw new AlignmentException(what, errors);
        }
        return this;
    }
}
