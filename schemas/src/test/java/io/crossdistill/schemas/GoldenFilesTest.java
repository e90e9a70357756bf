package io.crossdistill.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossdistill.v1.AlignedLabel;
import io.crossdistill.v1.Example;
import io.crossdistill.v1.TeacherPrediction;
import io.crossdistill.v1.TeacherSignature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * Golden files written by schema v1 and committed: today's classes must still read them, field for
 * field. Regenerate only on purpose with {@code -Dgolden.update=true} (and explain why in the commit).
 */
class GoldenFilesTest {

  private static final Path GOLDEN = Paths.get("src/test/resources/golden");

  @Test
  void v1ExamplesFile_readWithCurrentClasses_givesTheSameRecords() throws IOException {
    assertThat(readGolden("examples-v1.avro", Example.getClassSchema(), Example.class, GoldenRecords.examples()))
        .containsExactlyElementsOf(GoldenRecords.examples());
  }

  @Test
  void v1SignatureFile_readWithCurrentClasses_givesTheSameRecord() throws IOException {
    assertThat(readGolden("teacher-signature-v1.avro", TeacherSignature.getClassSchema(), TeacherSignature.class,
        List.of(GoldenRecords.signature()))).containsExactly(GoldenRecords.signature());
  }

  @Test
  void v1PredictionAndLabelFiles_readWithCurrentClasses_giveTheSameRecords() throws IOException {
    assertThat(readGolden("teacher-prediction-v1.avro", TeacherPrediction.getClassSchema(), TeacherPrediction.class,
        List.of(GoldenRecords.prediction()))).containsExactly(GoldenRecords.prediction());
    assertThat(readGolden("aligned-label-v1.avro", AlignedLabel.getClassSchema(), AlignedLabel.class,
        List.of(GoldenRecords.alignedLabel()))).containsExactly(GoldenRecords.alignedLabel());
  }

  @Test
  void goldenFile_rewrittenFromTheSameRecords_isByteIdentical() throws IOException {
    Path golden = GOLDEN.resolve("examples-v1.avro");
    Path copy = Files.createTempFile("examples", ".avro");
    try (ContainerWriter<Example> writer = AvroContainers.writer(copy, Example.getClassSchema(), "golden")) {
      GoldenRecords.examples().forEach(writer::append);
    }
    assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(golden));
    Files.delete(copy);
  }

  private static <T extends SpecificRecord> List<T> readGolden(String name, Schema schema, Class<T> type,
      List<T> expected) throws IOException {
    Path file = GOLDEN.resolve(name);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN);
      try (ContainerWriter<T> writer = AvroContainers.writer(file, schema, "golden")) {
        expected.forEach(writer::append);
      }
    }
    assertThat(file).as("golden file %s (create it once with -Dgolden.update=true)", name).exists();
    List<T> read = new ArrayList<>();
    try (ContainerReader<T> reader = AvroContainers.reader(file, type)) {
      reader.forEach(read::add);
    }
    return read;
  }
}
