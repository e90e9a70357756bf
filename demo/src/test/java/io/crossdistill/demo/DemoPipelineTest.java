package io.crossdistill.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossdistill.datasets.SharedData;
import io.crossdistill.models.TeacherArtifact;
import io.crossdistill.schemas.AvroContainers;
import io.crossdistill.schemas.ContainerReader;
import io.crossdistill.student.ResultTable;
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

/** The demo end to end at a small size, on the simulator and (when present) on the Amazon data. */
class DemoPipelineTest {

  @Test
  void simulatorDemo_smallRun_writesTeacherLabelsAndStudentsAndFillsTheTable(@TempDir Path out) {
    List<String> log = new ArrayList<>();
    DemoReport report = new DemoPipeline(
        new DemoOptions(Optional.empty(), out, List.of(1L), List.of(), true, false, Optional.empty()), log::add).run();

    assertThat(report.tables()).containsOnlyKeys("100% of target train");
    ResultTable table = report.tables().get("100% of target train");
    assertThat(table.rows()).contains("click AUC", "click log loss", "like AUC", "listen_time R²",
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
    Path labels = report.artifacts().get("labels (first run)");
    long count = 0;
    try (ContainerReader<AlignedLabel> in = AvroContainers.reader(labels, AlignedLabel.class)) {
      for (AlignedLabel label : in) {
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
        count++;
      }
    }
    long deadLetters = 0;
    try (ContainerReader<DeadLetter> in = AvroContainers.reader(labels.resolveSibling("dead-letters.avro"),
        DeadLetter.class)) {
      for (DeadLetter ignored : in) {
        deadLetters++;
      }
    }
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
  void simulatorDemo_sameSeeds_givesTheSameTable(@TempDir Path first, @TempDir Path second) {
    DemoReport a = new DemoPipeline(
        new DemoOptions(Optional.empty(), first, List.of(3L), List.of(), true, true, Optional.empty()), line -> { }).run();
    DemoReport b = new DemoPipeline(
        new DemoOptions(Optional.empty(), second, List.of(3L), List.of(), true, true, Optional.empty()), line -> { }).run();
    assertThat(b.tables().get("100% of target train").render())
        .isEqualTo(a.tables().get("100% of target train").render());
  }

  @Test
  void simulatorDemo_throughTheTeacherService_givesTheSameTableAsInProcess(@TempDir Path viaService,
      @TempDir Path inProcess) throws Exception {
    Path serviceJar = Path.of("../source-teacher/target/quarkus-app/quarkus-run.jar");
    assertThat(serviceJar).as("the reactor builds the teacher service before this module").isRegularFile();
    List<String> log = new ArrayList<>();
    DemoReport service = new DemoPipeline(new DemoOptions(Optional.empty(), viaService, List.of(2L), List.of(), true,
        true, Optional.of(serviceJar)), log::add).run();
    DemoReport local = new DemoPipeline(new DemoOptions(Optional.empty(), inProcess, List.of(2L), List.of(), true,
        true, Optional.empty()), line -> { }).run();

    assertThat(log).anyMatch(line -> line.startsWith("service: ready at http://127.0.0.1:"));
    assertThat(service.tables().get("100% of target train").render())
        .isEqualTo(local.tables().get("100% of target train").render());
    try (ContainerReader<AlignedLabel> in = AvroContainers.reader(service.artifacts().get("labels (first run)"),
        AlignedLabel.class)) {
      AlignedLabel first = in.iterator().next();
      assertThat(first.getProvenance().getProducer()).startsWith("crossdistill-teacher");
      assertThat(first.getProvenance().getMappingName()).isEqualTo("music-to-video");
      assertThat(first.getProvenance().getAlignmentVersion()).as("the service's fitted version").isEqualTo(2);
    }
    assertThat(Files.readString(service.artifacts().get("service log"))).doesNotContain(
        "Exception in thread");
  }

  @Test
  void amazonDemo_smallRun_followsTheProtocolOnTheRealData(@TempDir Path out) throws Exception {
    Path data = SharedData.require("amazon-movie-music");
    DemoReport report = new DemoPipeline(
        new DemoOptions(Optional.of(data), out, List.of(1L), List.of(0.1), true, true, Optional.empty()), line -> { }).run();
    ResultTable table = report.tables().get("10% of target train");
    assertThat(table.rows()).contains("love AUC", "love log loss", "rating R²", "rating RMSE", "dislike AUC");
    assertThat(table.mean("love AUC", "control")).isGreaterThan(0.5);
    assertThat(table.mean("dislike AUC", "teacher zero-shot")).as("dislike has no teacher head").isNaN();
    assertThat(Files.size(report.artifacts().get("labels (first run)"))).isPositive();
  }
}
