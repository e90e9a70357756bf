package io.crossdistill.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossdistill.labelling.StoredLabelSet;
import io.crossdistill.models.ModelException;
import io.crossdistill.models.TeacherArtifact;
import io.crossdistill.schemas.AvroContainers;
import io.crossdistill.schemas.ContainerReader;
import io.crossdistill.student.ResultTable;
import io.crossdistill.student.Variant;
import io.crossdistill.student.VariantCatalog;
import io.crossdistill.v1.AlignedLabel;
import io.crossdistill.v1.DeadLetter;
import io.crossdistill.v1.Provenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator demo end to end at a small size: in process and through the teacher service. */
class DemoPipelineTest {

  @Test
  void simulatorDemo_smallRun_writesTeacherLabelsAndStudentsAndFillsTheTable(@TempDir Path out) throws ModelException {
    List<String> log = new ArrayList<>();
    DemoReport report = new DemoPipeline(
        new DemoOptions(out, List.of(1L), List.of(), true, false, Optional.empty()), log::add).run();

    assertThat(report.tables()).containsOnlyKeys("100% of target train");
    ResultTable table = report.tables().get("100% of target train");
    assertThat(table.rows()).contains("click AUC", "click log loss", "click ECE", "like AUC", "listen_time R²",
        "listen_time RMSE", "discovery AUC");
    for (String row : table.rows()) {
      assertThat(table.mean(row, "control")).as("control %s", row).isFinite();
      assertThat(table.mean(row, "distilled")).as("distilled %s", row).isFinite();
    }
    assertThat(table.mean("click AUC", "teacher zero-shot")).isBetween(0.0, 1.0);
    assertThat(table.mean("discovery AUC", "teacher zero-shot")).as("discovery is not distilled").isNaN();
    assertThat(report.defaultedFraction()).isEqualTo(0.5);
    assertThat(report.teacherParameters()).isGreaterThan(report.studentParameters());
    assertThat(log).anyMatch(line -> line.contains("take the teacher's defaults"));

    Path teacherDir = report.artifacts().get("teacher");
    String teacherHash;
    try (TeacherArtifact teacher = TeacherArtifact.open(teacherDir)) {
      teacherHash = teacher.contentHash();
      assertThat(teacher.signature().getInputs()).allSatisfy(input -> assertThat(input.getDefaultValue()).isNotNull());
    }
    StoredLabelSet labels = StoredLabelSet.open(report.artifacts().get("labels (first run)"));
    assertThat(labels.verify()).as("every shard matches its manifest hash").isEmpty();
    long[] counted = new long[2];
    labels.forEachLabel(label -> {
        Provenance p = label.getProvenance();
        assertThat(p.getTeacherHash()).isEqualTo(teacherHash);
        assertThat(p.getMappingName()).isEqualTo("music-to-video");
        assertThat(p.getMappingVersion()).isEqualTo(1);
        assertThat(p.getAlignmentName()).isEqualTo("music-homepage");
        assertThat(p.getAlignmentVersion()).as("the fitted alignment is a new version").isEqualTo(2);
        assertThat(p.getInputDataHash()).hasSize(64);
        assertThat(label.getLabels()).extracting(l -> l.getTask())
            .containsExactly("click", "like", "listen_time", "continue_watching");
        assertThat(label.getLabels().get(3).getServing()).as("continue_watching is auxiliary-only").isFalse();
        counted[0]++;
    });
    labels.forEachDeadLetter(letter -> counted[1]++);
    long count = counted[0];
    long deadLetters = counted[1];
    assertThat(labels.manifest().counts().labels()).isEqualTo(count);
    assertThat(labels.manifest().counts().deadLetters()).isEqualTo(deadLetters);
    Path trainFile = report.artifacts().get("runs").resolve("f100-seed1/data/target-train.avro");
    long input = 0;
    try (ContainerReader<io.crossdistill.v1.Example> in = AvroContainers.reader(trainFile,
        io.crossdistill.v1.Example.class)) {
      for (io.crossdistill.v1.Example ignored : in) {
        input++;
      }
    }
    assertThat(count + deadLetters).as("input = labels + dead letters").isEqualTo(input);
    assertThat(report.artifacts().get("students (first run)").resolve("distilled")).isDirectory();
    assertThat(report.artifacts().get("students (first run)").resolve("control")).isDirectory();
  }

  @Test
  void simulatorDemo_sameSeeds_givesTheSameTable(@TempDir Path first, @TempDir Path second) throws ModelException {
    DemoReport a = new DemoPipeline(
        new DemoOptions(first, List.of(3L), List.of(), true, true, Optional.empty()), line -> { }).run();
    DemoReport b = new DemoPipeline(
        new DemoOptions(second, List.of(3L), List.of(), true, true, Optional.empty()), line -> { }).run();
    assertThat(b.tables().get("100% of target train").render())
        .isEqualTo(a.tables().get("100% of target train").render());
  }

  @Test
  void simulatorDemo_throughTheTeacherService_givesTheSameTableAsInProcess(@TempDir Path viaService,
      @TempDir Path inProcess) throws Exception {
    Path serviceJar = Path.of("../source-teacher/target/quarkus-app/quarkus-run.jar");
    assertThat(serviceJar).as("the reactor builds the teacher service before this module").isRegularFile();
    List<String> log = new ArrayList<>();
    DemoReport service = new DemoPipeline(new DemoOptions(viaService, List.of(2L), List.of(), true,
        true, Optional.of(serviceJar)), log::add).run();
    DemoReport local = new DemoPipeline(new DemoOptions(inProcess, List.of(2L), List.of(), true,
        true, Optional.empty()), line -> { }).run();

    assertThat(log).anyMatch(line -> line.startsWith("service: ready at http://127.0.0.1:"));
    assertThat(service.tables().get("100% of target train").render())
        .isEqualTo(local.tables().get("100% of target train").render());
    StoredLabelSet fromService = StoredLabelSet.open(service.artifacts().get("labels (first run)"));
    Provenance first = fromService.provenance().orElseThrow();
    assertThat(first.getProducer()).startsWith("crossdistill-teacher");
    assertThat(first.getMappingName()).isEqualTo("music-to-video");
    assertThat(first.getAlignmentVersion()).as("the service's fitted version").isEqualTo(2);
    StoredLabelSet fromProcess = StoredLabelSet.open(local.artifacts().get("labels (first run)"));
    java.util.Map<String, List<Float>> serviceRows = new java.util.LinkedHashMap<>();
    fromService.forEachRow((id, values) -> serviceRows.put(id, floats(values)));
    java.util.Map<String, List<Float>> processRows = new java.util.LinkedHashMap<>();
    fromProcess.forEachRow((id, values) -> processRows.put(id, floats(values)));
    assertThat(serviceRows).as("the service's backfill and the in-process one label alike").isEqualTo(processRows);
    assertThat(Files.readString(service.artifacts().get("service log"))).doesNotContain(
        "Exception in thread");
  }

  private static List<Float> floats(float[] values) {
    List<Float> out = new ArrayList<>(values.length);
    for (float v : values) {
      out.add(v);
    }
    return out;
  }

  @Test
  void distilledVariant_isTheCatalogsAuxiliaryVariantAtItsFirstGridWeight() {
    VariantCatalog.Entry entry = VariantCatalog.select(List.of("distilled")).get(1);
    Variant variant = DemoPipeline.distilledVariant();
    assertThat(variant.name()).isEqualTo("distilled");
    assertThat(variant.distillation()).isEqualTo(Variant.Distillation.AUXILIARY);
    assertThat(variant.teacherWeight()).isEqualTo(entry.weights().get(0));
  }
}
