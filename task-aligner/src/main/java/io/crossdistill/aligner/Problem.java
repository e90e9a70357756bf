package io.crossdistill.aligner;

import java.util.Objects;

/**
 * One thing wrong (or worth a warning) in an alignment spec or a fitting sample, with the JSON pointer
 * (RFC 6901) of the offending field, e.g. {@code /tasks/2/source/head}. The REST edge turns a list of these
 * into a problem+json body.
 *
 * @param pointer JSON pointer into the spec (or {@code /labels/<task>}, {@code /teacherOutputs} for samples)
 * @param message what is wrong, in words a spec author understands
 */
public record Problem(String pointer, String message) {

    public Problem {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return (pointer.isEmpty() ? "(root)" : pointer) + ": " + message;
    }
}
