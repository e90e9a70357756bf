package io.crossdistill.labelling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossdistill.aligner.AlignedTask;
import io.crossdistill.aligner.CompiledAlignment;
import io.crossdistill.schemas.AvroContainers;
import io.crossdistill.schemas.ContainerReader;
import io.crossdistill.v1.DeadLetter;
import io.crossdistill.v1.Provenance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeacherLabelsTest {

  private static final Provenance RUN = Provenance.newBuilder()
      .setTeacherId("tiny")
      .setTeacherHash("c0ffee")
      .setMappingName("music-to-tiny")
      .setMappingVersion(3)
      .setHyperParameters(new TreeMap<>(Map.of("fitSampleFraction", "0.05")))
      .setSeed(7)
      .setInputDataHash("ab".repeat(32))
      .setProducer("test")
      .build();

  @Test
  void write_thenReadBack_givesTheSameLabelsColumnsAndProvenance(@TempDir Path dir) {
    MappedTable mapped = MappedTable.map(TinyTeacher.mapper(), List.of(TinyTeacher.example("a", 1f, 1, 0f),
        TinyTeacher.example("bad", Float.NaN, 1, 0f), TinyTeacher.example("c", 2f, 2, 1f)), List.of("click"),
        n -> { });
    CompiledAlignment alignment = TinyTeacher.alignment();
    float[] teacher = {0.5f, 10f, -1.25f, 20f};
    float[] aligned = alignment.apply(teacher, 2);

    TeacherLabels labels = TeacherLabels.write(dir, mapped, aligned, alignment, RUN);

    assertThat(labels.written()).isEqualTo(2);
    assertThat(labels.rejected()).isEqualTo(1);
    LabelSetReader reader = AvroLabelFiles.reader(labels.labels(), alignment.tasks());
    assertThat(reader.columns()).extracting(AlignedTask::name).containsExactly("click", "listen_time");
    Map<String, float[]> rows = new LinkedHashMap<>();
    reader.forEachRow((id, values) -> rows.put(id, values.clone()));
    assertThat(rows).containsOnlyKeys("a", "c");
    assertThat(rows.get("a")).containsExactly(aligned[0], aligned[1]);
    assertThat(rows.get("c")).containsExactly(aligned[2], aligned[3]);
    assertThat(rows.get("c")).containsExactly(-1.25f, 20f);
    assertThat(reader.provenance()).contains(alignment.stamp(RUN));
    assertThat(reader.provenance().orElseThrow().getAlignmentName()).isEqualTo("music-tiny");
    assertThat(reader.provenance().orElseThrow().getAlignmentVersion()).isEqualTo(2);

    List<String> dead = new ArrayList<>();
    try (ContainerReader<DeadLetter> in = AvroContainers.reader(labels.deadLetters(), DeadLetter.class)) {
      in.forEach(letter -> dead.add(letter.getRecordId()));
    }
    assertThat(dead).containsExactly("bad");
  }

  @Test
  void joinTo_placesEachLabelAtItsExamplesRow_leavesOthersNaN_andRefusesAStrangeExample(@TempDir Path dir) {
    MappedTable mapped = MappedTable.map(TinyTeacher.mapper(), List.of(TinyTeacher.example("a", 1f, 1, 0f),
        TinyTeacher.example("c", 2f, 2, 1f)), List.of("click"), n -> { });
    CompiledAlignment alignment = TinyTeacher.alignment();
    float[] aligned = alignment.apply(new float[] {0.5f, 10f, -1.25f, 20f}, 2);
    TeacherLabels labels = TeacherLabels.write(dir, mapped, aligned, alignment, RUN);
    LabelSetReader reader = AvroLabelFiles.reader(labels.labels(), alignment.tasks());

    float[] joined = reader.joinTo(List.of("c", "unlabelled", "a"));

    assertThat(joined).hasSize(6);
    assertThat(new float[] {joined[0], joined[1]}).containsExactly(aligned[2], aligned[3]);
    assertThat(joined[2]).isNaN();
    assertThat(joined[3]).isNaN();
    assertThat(new float[] {joined[4], joined[5]}).containsExactly(aligned[0], aligned[1]);
    assertThatThrownBy(() -> reader.joinTo(List.of("a"))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("example c");
  }

  @Test
  void reader_ofAnEmptyLabelSet_hasNoProvenanceAndNoRows(@TempDir Path dir) {
    MappedTable none = MappedTable.map(TinyTeacher.mapper(), List.of(), List.of("click"), n -> { });
    CompiledAlignment alignment = TinyTeacher.alignment();
    TeacherLabels labels = TeacherLabels.write(dir, none, new float[0], alignment, RUN);

    LabelSetReader reader = AvroLabelFiles.reader(labels.labels(), alignment.tasks());
    assertThat(reader.provenance()).isEmpty();
    List<String> ids = new ArrayList<>();
    reader.forEachRow((id, values) -> ids.add(id));
    assertThat(ids).isEmpty();
  }

  @Test
  void reader_withColumnsThatDoNotMatchTheFile_failsNamingTheColumn(@TempDir Path dir) {
    MappedTable mapped = MappedTable.map(TinyTeacher.mapper(), List.of(TinyTeacher.example("a", 1f, 1, 0f)),
        List.of("click"), n -> { });
    CompiledAlignment alignment = TinyTeacher.alignment();
    TeacherLabels labels = TeacherLabels.write(dir, mapped, alignment.apply(new float[] {0f, 1f}, 1), alignment, RUN);
    List<AlignedTask> swapped = List.of(alignment.tasks().get(1), alignment.tasks().get(0));

    assertThatThrownBy(() -> AvroLabelFiles.reader(labels.labels(), swapped).forEachRow((id, values) -> { }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("column 0").hasMessageContaining("expected listen_time");
  }
}
