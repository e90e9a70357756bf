package io.crossdistill.aligner;

import io.crossdistill.schemas.Problem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one exception family of the task aligner: a spec that does not parse or validate, or a fitting sample
 * that cannot be used. It carries every problem found (the shared {@link Problem}s), never only the first;
 * being an {@link IllegalArgumentException}, the REST edge answers it with 400.
 */
public final class AlignmentException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    /**
     * @param summary  one line saying what was being done
     * @param problems every problem found (at least one)
     */
    public AlignmentException(String summary, List<Problem> problems) {
        super(summary + ": " + problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    /** @return every problem, in the order found */
    public List<Problem> problems() {
        return problems;
    }
}
