package io.crossdistill.datasets.internal.simulator;

import io.crossdistill.datasets.CrossDomainData;
import io.crossdistill.datasets.DomainSchema;
import io.crossdistill.datasets.ProgressListener;
import io.crossdistill.datasets.SimulatorConfig;
import io.crossdistill.datasets.Split;
import io.crossdistill.datasets.internal.ExampleBuilder;
import io.crossdistill.datasets.internal.SplitWriters;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One simulator run: draws the world, then streams the events of each domain into the split files.
 * Events are split by position (train first, then valid, then test), which is a random split because
 * events are independent draws, and a time split because event times increase with the index.
 */
public final class SimulationJob {

  /** 2024-01-01T00:00:00Z, the time of the first event of each domain. */
  static final long START_MILLIS = 1_704_067_200_000L;
  /** Time between consecutive events of a domain. */
  static final long STEP_MILLIS = 30_000L;

  private final SimulatorConfig config;
  private final SimulatedWorld world;
  private final List<SourceOnlyFeature> sourceOnly;

  /** Draws the world of {@code config}. */
  public SimulationJob(SimulatorConfig config) {
    this.config = config;
    this.world = new SimulatedWorld(config);
    this.sourceOnly = SourceOnlyFeature.forMissingFraction(config.missingTeacherFeatureFraction());
  }

  /** The drawn world (for tests and diagnostics). */
  public SimulatedWorld world() {
    return world;
  }

  /** Schema of the video domain. */
  public DomainSchema sourceSchema() {
    return SimulatorSchemas.source(config, world.channels(), sourceOnly);
  }

  /** Schema of the music domain. */
  public DomainSchema targetSchema() {
    return SimulatorSchemas.target(config);
  }

  /** Music genre id → corresponding video genre id. */
  public Map<Long, Long> genreCorrespondence() {
    Map<Long, Long> map = new TreeMap<>();
    for (int g = 0; g < config.genres(); g++) {
      map.put((long) g, (long) world.videoGenreOf(g));
    }
    return map;
  }

  /** Writes the split files into {@code outputDir}. */
  public CrossDomainData run(Path outputDir, ProgressListener progress) {
    long sourceValid = Math.round(config.sourceEvents() * config.validFraction());
    long targetValid = Math.round(config.targetEvents() * config.validFraction());
    long targetTest = Math.round(config.targetEvents() * config.testFraction());
    Map<Split, Long> expected = new EnumMap<>(Split.class);
    expected.put(Split.SOURCE_TRAIN, config.sourceEvents() - sourceValid);
    expected.put(Split.SOURCE_VALID, sourceValid);
    expected.put(Split.TARGET_TRAIN, config.targetEvents() - targetValid - targetTest);
    expected.put(Split.TARGET_VALID, targetValid);
    expected.put(Split.TARGET_TEST, targetTest);

    SourceEvents source = new SourceEvents(world, sourceOnly);
    TargetEvents target = new TargetEvents(world);
    try (SplitWriters out = new SplitWriters(outputDir, "simulator", expected, progress)) {
      long index = 0;
      for (Split split : List.of(Split.SOURCE_TRAIN, Split.SOURCE_VALID)) {
        for (long k = 0; k < expected.get(split); k++, index++) {
          out.append(split, source.event(index, example(SimulatorSchemas.SOURCE_DOMAIN, split, k, index)));
        }
      }
      index = 0;
      for (Split split : List.of(Split.TARGET_TRAIN, Split.TARGET_VALID, Split.TARGET_TEST)) {
        for (long k = 0; k < expected.get(split); k++, index++) {
          out.append(split, target.event(index, example(SimulatorSchemas.TARGET_DOMAIN, split, k, index)));
        }
      }
      return out.finish(sourceSchema(), targetSchema(), description());
    }
  }

  private static ExampleBuilder example(String domain, Split split, long indexInSplit, long eventIndex) {
    String part = split.key().substring(split.key().indexOf('-') + 1);
    return new ExampleBuilder(ExampleBuilder.exampleId(domain, part, indexInSplit), domain)
        .time(START_MILLIS + eventIndex * STEP_MILLIS);
  }

  private String description() {
    return String.format(Locale.ROOT,
        "simulated video→music data (see docs/simulator.md): %s; source-only features %s; "
            + "genre correspondence music→video %s",
        config, sourceOnly.stream().map(SourceOnlyFeature::featureName).toList(), genreCorrespondence());
  }
}
