package io.crossdistill.labelling;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossdistill.v1.DeadLetter;
import io.crossdistill.v1.Example;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

class MappedTableTest {

  @Test
  void map_goodRecords_becomeRowsInTheTeacherLayoutWithTheirLabels() {
    List<Integer> progress = new ArrayList<>();
    MappedTable table = MappedTable.map(TinyTeacher.mapper(), List.of(
        TinyTeacher.example("a", 2.5f, 3, 1f), TinyTeacher.example("b", -1f, 7, null)), List.of("click"),
        progress::add);

    assertThat(table.exampleIds()).containsExactly("a", "b");
    assertThat(table.rejected()).isEmpty();
    assertThat(table.data().rows()).isEqualTo(2);
    assertThat(table.data().numeric()).containsExactly(2.5f, -1f);
    assertThat(table.data().ids()).containsExactly(3L, 7L);
    assertThat(table.data().target(0, 0)).isEqualTo(1f);
    assertThat(table.data().target(1, 0)).as("no label").isNaN();
    assertThat(progress.stream().mapToInt(Integer::intValue).sum()).isEqualTo(2);
  }

  @Test
  void map_aBadRecord_becomesADeadLetterWithItsReasonAndOriginalBytes() throws Exception {
    Example bad = TinyTeacher.example("bad", Float.NaN, 1, 0f);
    MappedTable table = MappedTable.map(TinyTeacher.mapper(), List.of(
        TinyTeacher.example("a", 1f, 1, 0f), bad, TinyTeacher.example("c", 2f, 2, 1f)), List.of("click"), n -> { });

    assertThat(table.exampleIds()).as("input = rows + rejected").containsExactly("a", "c");
    assertThat(table.data().rows()).isEqualTo(2);
    assertThat(table.rejected()).hasSize(1);
    DeadLetter letter = table.rejected().get(0);
    assertThat(letter.getRecordId()).isEqualTo("bad");
    assertThat(letter.getStage()).isEqualTo("map");
    assertThat(letter.getErrors()).singleElement().asString().contains("/floatFeatures/plays");
    ByteBuffer payload = letter.getPayload();
    byte[] bytes = new byte[payload.remaining()];
    payload.duplicate().get(bytes);
    Example decoded = new SpecificDatumReader<>(Example.class).read(null,
        DecoderFactory.get().binaryDecoder(bytes, null));
    assertThat(decoded).isEqualTo(bad);
  }
}
