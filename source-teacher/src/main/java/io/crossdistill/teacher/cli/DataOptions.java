package io.crossdistill.teacher.cli;

import io.crossdistill.datasets.AmazonRatingsConfig;
import io.crossdistill.datasets.AmazonRatingsLoader;
import io.crossdistill.datasets.CrossDomainData;
import io.crossdistill.datasets.CrossDomainSimulator;
import io.crossdistill.datasets.SimulatorConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import picocli.CommandLine.Option;

/** Where the source (and target) examples come from: the simulator by default, or Amazon ratings. */
final class DataOptions {

  @Option(names = "--data", paramLabel = "DIR",
      description = "Amazon ratings in the documented layout (docs/data.md); default: the synthetic simulator")
  Path data;

  @Option(names = "--small", description = "a small simulator world (seconds instead of minutes)")
  boolean small;

  @Option(names = "--data-seed", defaultValue = "1", description = "simulator seed (default ${DEFAULT-VALUE})")
  long dataSeed;

  @Option(names = "--work", paramLabel = "DIR", defaultValue = "crossdistill-out/teacher-data",
      description = "where the split files are written (default ${DEFAULT-VALUE})")
  Path work;

  private CrossDomainSimulator simulator;

  /** Writes (or rewrites) the split files and returns them. */
  CrossDomainData load() {
    if (data != null) {
      return new AmazonRatingsLoader(AmazonRatingsConfig.builder(data).build()).load(work.resolve("amazon"),
          (split, written, expected) -> { });
    }
    SimulatorConfig.Builder config = SimulatorConfig.builder().optSeed(dataSeed);
    if (small) {
      config.optUsers(1500).optSourceItems(800).optTargetItems(400).optSourceEvents(12_000).optTargetEvents(2_500);
    }
    simulator = new CrossDomainSimulator(config.build());
    return simulator.generate(work.resolve(small ? "simulator-small" : "simulator"));
  }

  /** Id inputs whose vocabulary both domains share (the same people). */
  Set<String> sharedIds() {
    return Set.of("user_id");
  }

  /** Lookup tables between the two domains' id vocabularies, where the data knows them. */
  Map<String, Map<String, Long>> idLookups() {
    return Optional.ofNullable(simulator).map(s -> {
      Map<String, Long> genres = new TreeMap<>();
      s.genreCorrespondence().forEach((target, source) -> genres.put(Long.toString(target), source));
      return Map.of("genre", genres);
    }).orElse(Map.of());
  }

  /** What the data is, for logs. */
  String describe() {
    return data != null ? "Amazon ratings from " + data : "simulator" + (small ? " (small)" : "") + ", seed " + dataSeed;
  }
}
