package io.crossdistill.labelling;

import io.crossdistill.schemas.AvroContainers;
import io.crossdistill.schemas.ContainerWriter;
import io.crossdistill.v1.Example;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes an Avro container file of music {@code Example} records for {@link TinyTeacher}'s mapping,
 * streamed one record at a time. Some records are ones the mapping refuses ({@link #refused}): NaN or
 * infinite plays, which must end as dead letters.
 */
final class ExampleFiles {

  private ExampleFiles() {
  }

  /** True for the records of {@link #write} the mapping refuses. */
  static boolean refused(int index) {
    return index % 37 == 5 || index % 101 == 17;
  }

  /** The id of record {@code index}. */
  static String id(int index) {
    return "ex-" + index;
  }

  /** Writes {@code records} examples (seeded) into {@code file}; returns how many of them the mapping refuses. */
  static long write(Path file, int records, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long refused = 0;
    try (ContainerWriter<Example> out = AvroContainers.writer(file, Example.getClassSchema(), "examples")) {
      for (int i = 0; i < records; i++) {
        float plays = (float) (random.nextDouble() * 4);
        if (refused(i)) {
          plays = i % 2 == 0 ? Float.NaN : Float.POSITIVE_INFINITY;
          refused++;
        }
        out.append(Example.newBuilder()
            .setId(id(i))
            .setDomain("music")
            .setEventTimeMillis(1_700_000_000_000L + i)
            .setFloatFeatures(Map.of("plays", plays))
            .setIdFeatures(Map.of("user", (long) random.nextInt(10)))
            .setLabels(Map.of("click", random.nextBoolean() ? 1f : 0f))
            .build());
      }
    }
    return refused;
  }
}
