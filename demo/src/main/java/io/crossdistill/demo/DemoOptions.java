package io.crossdistill.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the simulator demo runs and where it writes ({@link RatingsDemo} runs a {@code --data} directory).
 *
 * @param out output directory (teacher, data splits, labels, students, results)
 * @param seeds student seeds (one table cell per seed; several seeds print mean ± std)
 * @param fractions fractions of the target training data; empty means the scenario's defaults
 * @param small tiny sizes and few epochs, for tests and smoke runs
 * @param reportOnValidation score on the target validation split instead of the test split, for choosing
 *     settings without ever looking at the test split
 * @param serviceJar the teacher service's {@code quarkus-run.jar}: when present the demo registers its
 *     mapping and alignment and gets its labels over HTTP from that service; otherwise it labels in process
 */
public record DemoOptions(Path out, List<Long> seeds, List<Double> fractions, boolean small,
    boolean reportOnValidation, Optional<Path> serviceJar) {

  public DemoOptions {
    seeds = List.copyOf(seeds);
    fractions = List.copyOf(fractions);
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("at least one seed is needed");
    }
    for (double f : fractions) {
      if (!(f > 0 && f <= 1)) {
        throw new IllegalArgumentException("train fractions must be in (0, 1], got " + f);
      }
    }
  }
}
