package io.crossdistill.student;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@code student compare} runs: a data directory in the ratings layout, the target-data fractions
 * and seeds, the variants beside the control, and where everything is written.
 *
 * @param data a directory in the ratings layout (see {@link RatingsProtocol})
 * @param out the output directory (created; metrics.json, scores/, report.html, models/, labels/, data/)
 * @param fractions shares of the target training rows, each in (0, 1]
 * @param seeds the seeds: each draws the fraction's sample, the alignment's fit sample and the student's init
 * @param variants variant names from {@link VariantCatalog} (the control is always run)
 * @param representation which teacher representation of a user the {@code representations} variant reads
 * @param committeeSize teachers in the {@code committee} variant's committee (seeds 17, 18, …)
 * @param small tiny teacher and few epochs: a smoke run, not a result
 */
public record CompareOptions(Path data, Path out, List<Double> fractions, List<Long> seeds, List<String> variants,
    RepresentationKind representation, int committeeSize, boolean small) {

  /** The teacher representation of a user that students look up. */
  public enum RepresentationKind {
    /** The teacher's learned embedding of the user's mapped id. */
    EMBEDDING,
    /** The teacher's penultimate layer for the user's mapped features, item inputs at their defaults. */
    PENULTIMATE,
    /** The teacher's head outputs for the user's mapped features, item inputs at their defaults. */
    SCORES,
    /** The embedding and the head outputs side by side. */
    EMBEDDING_AND_SCORES
  }

  /** The full protocol: 10% and 100%, seeds 1–5, every variant. */
  public static CompareOptions fullProtocol(Path data, Path out) {
    return new CompareOptions(data, out, RatingsProtocol.FRACTIONS, List.of(1L, 2L, 3L, 4L, 5L),
        VariantCatalog.names(), RepresentationKind.EMBEDDING, 3, false);
  }

  /** Validates every field, listing all problems at once. */
  public CompareOptions {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(representation, "representation");
    fractions = List.copyOf(fractions);
    seeds = List.copyOf(seeds);
    variants = List.copyOf(variants);
    List<String> problems = new ArrayList<>();
    if (fractions.isEmpty()) {
      problems.add("--fractions: at least one fraction");
    }
    for (double f : fractions) {
      if (!(f > 0 && f <= 1)) {
        problems.add("--fractions: " + f + " is not in (0, 1]");
      }
    }
    if (seeds.isEmpty()) {
      problems.add("--seeds: at least one seed");
    }
    if (seeds.stream().distinct().count() != seeds.size()) {
      problems.add("--seeds: a seed is named twice: " + seeds);
    }
    if (committeeSize < 2) {
      problems.add("--committee: a committee needs at least 2 teachers, got " + committeeSize);
    }
    for (String v : variants) {
      if (!VariantCatalog.names().contains(v)) {
        problems.add("--variants: unknown variant '" + v + "' (known: " + VariantCatalog.names() + ")");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }
}
