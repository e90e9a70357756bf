package io.crossdistill.labelling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossdistill.v1.Example;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Avro file source of backfills, read ahead on a thread of its own: order, end, close, failures. */
class AvroFileSourceTest {

  private static List<String> readAll(RecordSource source) {
    List<String> ids = new ArrayList<>();
    RecordSource.Item item;
    while ((item = source.next()) != null) {
      ids.add(((GenericRecord) item.record()).get("id").toString());
    }
    return ids;
  }

  private static boolean readAheadThreadAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals("avro-read-ahead") && t.isAlive());
  }

  @Test
  void next_overADirectoryOfFiles_returnsEveryRecordInNameOrderThenNull(@TempDir Path dir) {
    ExampleFiles.write(dir.resolve("b.avro"), 0, 1);
    ExampleFiles.write(dir.resolve("a.avro"), 1_000, 1);
    ExampleFiles.write(dir.resolve("c.avro"), 3, 2);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      expected.add(ExampleFiles.id(i));
    }
    expected.addAll(List.of(ExampleFiles.id(0), ExampleFiles.id(1), ExampleFiles.id(2)));

    try (RecordSource source = RecordSources.avroFiles(dir, "examples/", Example.getClassSchema())) {
      assertThat(source.size()).hasValue(1_003);
      assertThat(readAll(source)).containsExactlyElementsOf(expected);
      assertThat(source.next()).isNull();
    }
    assertThat(readAheadThreadAlive()).isFalse();
  }

  @Test
  void close_beforeTheEnd_stopsTheReadAheadThread(@TempDir Path dir) {
    ExampleFiles.write(dir.resolve("many.avro"), 20_000, 3);
    try (RecordSource source = RecordSources.avroFiles(dir.resolve("many.avro"), "many.avro",
        Example.getClassSchema())) {
      // counted from the block headers of a file of many blocks
      assertThat(source.size()).hasValue(20_000);
      for (int i = 0; i < 10; i++) {
        assertThat(((GenericRecord) source.next().record()).get("id").toString()).isEqualTo(ExampleFiles.id(i));
      }
      assertThat(readAheadThreadAlive()).isTrue();
    }
    assertThat(readAheadThreadAlive()).isFalse();
  }

  @Test
  void next_onACorruptDataBlock_failsNamingTheFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("corrupt.avro");
    ExampleFiles.write(file, 5_000, 4);
    byte[] bytes = Files.readAllBytes(file);
    for (int i = bytes.length / 2; i < bytes.length / 2 + 64; i++) {
      bytes[i] ^= 0x5a;
    }
    Files.write(file, bytes);

    assertThatThrownBy(() -> {
      try (RecordSource source = RecordSources.avroFiles(file, "corrupt.avro", Example.getClassSchema())) {
        readAll(source);
      }
    }).hasMessageContaining("corrupt.avro");
    assertThat(readAheadThreadAlive()).isFalse();
  }
}
