package io.crossdistill.teacher.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start with a bad configuration, as an operator sees it: the packaged artifact is started with
 * several bad settings and must stop with a non-zero exit and one message that lists every problem,
 * without a Java stack trace (the problems are the operator's to fix; a stack trace would bury them).
 */
class BadConfigurationIT {

  @Test
  void start_withSeveralBadSettings_listsEveryProblem_withoutAStackTrace_andExitsNonZero(@TempDir Path dir)
      throws Exception {
    Started start = start(dir, List.of(
        "-Dcrossdistill.data-dir=" + dir.resolve("data"),
        "-Dcrossdistill.teacher.path=../../etc",
        "-Dcrossdistill.teams.music.api-key-sha256=not-a-hash",
        "-Dcrossdistill.labels.max-batch=0",
        "-Dcrossdistill.backfill.max-concurrent=0",
        "-Dcrossdistill.stream.enabled=true"));

    assertThat(start.exit()).isNotZero();
    assertThat(start.output())
        .contains("invalid crossdistill configuration (11 problem(s))")
        .contains("crossdistill.teacher.path: '../../etc' lies outside the teachers root")
        .contains("crossdistill.teams.music.api-key-sha256: must be 64 hex digits")
        .contains("crossdistill.labels.max-batch: must be at least 1, got 0")
        .contains("crossdistill.backfill.max-concurrent: must be at least 1, got 0")
        .contains("crossdistill.stream.bootstrap-servers: required", "crossdistill.stream.input-topic: required",
            "crossdistill.stream.output-topic: required", "crossdistill.stream.dead-letter-topic: required",
            "crossdistill.stream.mapping: required", "crossdistill.stream.alignment: required",
            "crossdistill.stream.team: required")
        .doesNotContain("not-a-hash");
    assertNoStackTrace(start.output());
  }

  @Test
  void start_withAMisspelledKey_namesIt_withoutAStackTrace_andExitsNonZero(@TempDir Path dir) throws Exception {
    Started start = start(dir, List.of("-Dcrossdistill.data-dir=" + dir.resolve("data"), "-Dcrossdistill.labels.max-bach=10"));

    assertThat(start.exit()).isNotZero();
    assertThat(start.output()).contains("crossdistill.labels.max-bach");
    assertNoStackTrace(start.output());
  }

  @Test
  void start_withATeacherPathThatHoldsNoTeacher_saysSo_withoutAStackTrace_andExitsNonZero(@TempDir Path dir)
      throws Exception {
    Files.createDirectories(dir.resolve("teachers/not-a-teacher"));
    Started start = start(dir, List.of("-Dcrossdistill.data-dir=" + dir.resolve("data"),
        "-Dcrossdistill.teacher.root=" + dir.resolve("teachers"), "-Dcrossdistill.teacher.path=not-a-teacher"));

    assertThat(start.exit()).isNotZero();
    assertThat(start.output()).contains("invalid crossdistill configuration (1 problem(s))")
        .contains("crossdistill.teacher.path: cannot load the teacher at " + dir.resolve("teachers/not-a-teacher"));
    assertNoStackTrace(start.output());
  }

  private static void assertNoStackTrace(String output) {
    assertThat(output).doesNotContain("\tat io.", "\tat java.", "\tat jdk.", "Caused by:", "Exception in thread");
  }

  private record Started(int exit, String output) {
  }

  private static Started start(Path dir, List<String> settings) throws IOException, InterruptedException {
    List<String> command = PackagedArtifact.command(
        Stream.concat(settings.stream(), Stream.of("-Dquarkus.http.port=0")).toList());
    Path log = dir.resolve("start.log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    // a bounded wait: a start that does not fail would otherwise hold the build
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the start with a bad configuration did not stop: " + command);
    }
    return new Started(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }
}
