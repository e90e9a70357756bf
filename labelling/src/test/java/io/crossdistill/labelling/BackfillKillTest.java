package io.crossdistill.labelling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crossdistill.models.ModelException;
import io.crossdistill.models.Teacher;
import io.crossdistill.schemas.ContentHash;
import io.crossdistill.v1.Example;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a backfill running in a JVM of its own ({@link BackfillProcess}: the tiny real teacher, 3,000
 * examples, shards of 200, forward passes of 16), at seven points, restarted after each: before the first
 * checkpoint, right after the 1st and the 3rd shard commits, mid-shard with a shard's files open, inside a
 * commit (shard files renamed into place, checkpoint not yet written), wherever the kill lands after the
 * child announces a shard's last batch, and after the last shard before the manifest. Every restart must
 * resume where the checkpoint says, and the final set must be byte-identical to an uninterrupted run into
 * another directory.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class BackfillKillTest {

  private static final int RECORDS = 3_000;
  private static final int BATCH = 16;
  private static final int SHARD = 200;
  private static final int SIGKILL_EXIT = 128 + 9;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;
  private static Path teacherDir;
  private static Path input;
  private static Backfill.Outcome reference;

  @BeforeAll
  static void writeTeacherInputAndReference() throws ModelException {
    teacherDir = dir.resolve("teacher");
    TinyTeacherArtifact.write(teacherDir, 11);
    input = dir.resolve("examples.avro");
    ExampleFiles.write(input, RECORDS, 5);
    try (Teacher teacher = Teacher.open(teacherDir);
        RecordSource source = RecordSources.avroFiles(input, "examples.avro", Example.getClassSchema())) {
      reference = Backfill.run(new LabelStore(dir.resolve("reference-store")),
          TinyTeacherArtifact.path(teacher.signature()), source, TeacherForward.of(teacher), TinyTeacherArtifact.RUN,
          new Backfill.Options(BATCH, SHARD), new Backfill.Listener() { }, () -> false);
    }
  }

  @Test
  void backfill_killedAtSevenPointsAndRestarted_endsByteIdenticalToAnUninterruptedRun() throws Exception {
    Path store = dir.resolve("killed-store");
    Path set = store.resolve(reference.key().id());
    Path checkpoint = set.resolve(LabelSetWriter.CHECKPOINT);

    // 1. three batches into the first shard: no checkpoint yet, the shard's files open
    try (Child child = Child.start(store, 3 * BATCH)) {
      child.awaitLine("started 0");
      child.awaitLine("paused " + 3 * BATCH);
      assertThat(set.resolve(".labels-00000.avro.partial")).exists();
      assertThat(checkpoint).doesNotExist();
      assertThat(child.kill()).isEqualTo(SIGKILL_EXIT);
    }
    assertThat(checkpoint).doesNotExist();

    // 2. right after the 1st shard commit
    try (Child child = Child.start(store, SHARD)) {
      child.awaitLine("started 0");
      child.awaitLine("paused " + SHARD);
      assertThat(child.kill()).isEqualTo(SIGKILL_EXIT);
    }
    assertThat(consistentCoverage(set)).isEqualTo(SHARD);

    // 3. right after the 3rd shard commit
    try (Child child = Child.start(store, 3 * SHARD)) {
      child.awaitLine("started " + SHARD);
      child.awaitLine("paused " + 3 * SHARD);
      assertThat(child.kill()).isEqualTo(SIGKILL_EXIT);
    }
    assertThat(consistentCoverage(set)).isEqualTo(3 * SHARD);

    // 4. mid-shard: five batches into shard 7, its files open and half written
    long midShard = 7 * SHARD + 5 * BATCH;
    try (Child child = Child.start(store, midShard)) {
      child.awaitLine("started " + 3 * SHARD);
      child.awaitLine("paused " + midShard);
      assertThat(set.resolve(".labels-00007.avro.partial")).exists();
      assertThat(child.kill()).isEqualTo(SIGKILL_EXIT);
    }
    assertThat(consistentCoverage(set)).isEqualTo(7 * SHARD);

    // 5. inside the commit of shard 9: its files renamed into place, the new checkpoint not yet written (the
    // checkpoint's temporary file is a FIFO, so opening it blocks the child there until it is killed)
    long inShard9 = 9 * SHARD + BATCH;
    try (Child child = Child.start(store, inShard9)) {
      child.awaitLine("started " + 7 * SHARD);
      child.awaitLine("paused " + inShard9);
      Path fifo = set.resolve("." + LabelSetWriter.CHECKPOINT + ".tmp");
      Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
      assertThat(mkfifo.waitFor()).isZero();
      child.resume();
      awaitFile(set.resolve("dead-letters-00009.avro"));
      assertThat(set.resolve("labels-00009.avro")).exists();
      assertThat(consistentCoverage(set)).isEqualTo(9 * SHARD);
      assertThat(child.kill()).isEqualTo(SIGKILL_EXIT);
      assertThat(child.lines()).doesNotContain("committed 9");
    }
    assertThat(consistentCoverage(set)).isEqualTo(9 * SHARD);

    // 6. wherever the kill lands after the child says the next batch completes shard 11 (that batch, its
    // commit, its checkpoint, or a little later); it pauses at the end in case the kill came late
    long beforeSix = consistentCoverage(set);
    try (Child child = Child.start(store, RECORDS)) {
      child.awaitLine("started " + beforeSix);
      child.awaitLine("completing 11");
      assertThat(child.kill()).isEqualTo(SIGKILL_EXIT);
    }
    long afterSix = consistentCoverage(set);
    assertThat(afterSix).isBetween(11L * SHARD, (long) RECORDS);

    // 7. after the last shard is committed, before the manifest
    try (Child child = Child.start(store, RECORDS)) {
      child.awaitLine("started " + afterSix);
      child.awaitLine("paused " + RECORDS);
      assertThat(child.kill()).isEqualTo(SIGKILL_EXIT);
    }
    assertThat(consistentCoverage(set)).isEqualTo(RECORDS);
    assertThat(set.resolve(LabelSetManifest.FILE)).doesNotExist();

    // the last restart runs to the end: it only writes the manifest
    try (Child child = Child.start(store, -1)) {
      child.awaitLine("started " + RECORDS);
      assertThat(child.awaitExit()).isZero();
      assertThat(child.lines()).contains("finished " + RECORDS);
    }

    LabelSetFiles.assertSameSet(reference.set().dir(), set);
    // every run that committed something counts (the first one committed nothing)
    assertThat(LabelSetManifest.read(set).cost().runs()).isEqualTo(7);
  }

  /**
   * Input records the checkpoint in {@code set} covers, after checking that every shard file it names is in
   * place with the content hash it names (what a restart trusts).
   */
  private static long consistentCoverage(Path set) throws IOException {
    JsonNode checkpoint = JSON.readTree(set.resolve(LabelSetWriter.CHECKPOINT).toFile());
    long covered = 0;
    for (JsonNode shard : checkpoint.get("shards")) {
      assertThat(shard.get("firstInput").asLong()).isEqualTo(covered);
      assertThat(ContentHash.ofFile(set.resolve(shard.get("labels").asText())))
          .isEqualTo(shard.get("labelsSha256").asText());
      assertThat(ContentHash.ofFile(set.resolve(shard.get("deadLetters").asText())))
          .isEqualTo(shard.get("deadLettersSha256").asText());
      covered += shard.get("input").asLong();
    }
    return covered;
  }

  /** Polls for {@code file} for at most 30 s. */
  private static void awaitFile(Path file) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.exists(file)) {
      assertThat(System.nanoTime()).as("%s did not appear within 30 s", file).isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  /**
   * A {@link BackfillProcess} child JVM. Its stdout goes to a file, which keeps every line it wrote
   * before it was killed; the test polls that file (with a bound) for the line it waits for.
   */
  private static final class Child implements AutoCloseable {

    private static final long WAIT_SECONDS = 60;
    private static int started;
    private final Process process;
    private final Path out;
    private final Path log;
    private final Writer in;

    private Child(Process process, Path out, Path log) {
      this.process = process;
      this.out = out;
      this.log = log;
      this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    static Child start(Path store, long pauseAt) throws IOException {
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-Xmx256m", "-XX:+UseSerialGC", "-Dai.djl.offline=true"));
      // the same PyTorch threading as this JVM, which made the reference
      for (String property : List.of("ai.djl.pytorch.num_threads", "ai.djl.pytorch.num_interop_threads")) {
        if (System.getProperty(property) != null) {
          command.add("-D" + property + "=" + System.getProperty(property));
        }
      }
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), BackfillProcess.class.getName(),
          teacherDir.toString(), input.toString(), store.toString(), Integer.toString(BATCH), Integer.toString(SHARD),
          Long.toString(pauseAt)));
      int n = ++started;
      Path out = dir.resolve("child-" + n + ".out");
      Path log = dir.resolve("child-" + n + ".log");
      Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
      return new Child(process, out, log);
    }

    /** Waits (60 s at most) until the child has written the line {@code expected}. */
    void awaitLine(String expected) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
      while (!lines().contains(expected)) {
        if (!process.isAlive() && !lines().contains(expected)) {
          throw new AssertionError("the child ended (exit " + process.exitValue() + ") before '" + expected
              + "'; its last lines: " + last(lines(), 5) + "; its log:\n" + String.join("\n", last(read(log), 30)));
        }
        assertThat(System.nanoTime()).as("'%s' within %d s; last lines %s", expected, WAIT_SECONDS, last(lines(), 5))
            .isLessThan(deadline);
        Thread.sleep(2);
      }
    }

    void resume() throws IOException {
      in.write("resume\n");
      in.flush();
    }

    /** kill -9 (SIGKILL on Linux); returns the exit status once it is gone. */
    int kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor();
      return process.exitValue();
    }

    /** Waits for the child to end by itself (60 s at most); returns its exit status. */
    int awaitExit() throws InterruptedException {
      assertThat(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("the child ended within 60 s").isTrue();
      if (process.exitValue() != 0) {
        throw new AssertionError("the child failed (exit " + process.exitValue() + "):\n"
            + String.join("\n", last(read(log), 30)));
      }
      return process.exitValue();
    }

    /** Every complete line the child wrote so far. */
    List<String> lines() {
      String text;
      try {
        text = Files.readString(out, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      int end = text.lastIndexOf('\n');
      return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
    }

    private static List<String> read(Path file) {
      try {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static List<String> last(List<String> lines, int n) {
      return lines.subList(Math.max(0, lines.size() - n), lines.size());
    }

    @Override
    public void close() {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
