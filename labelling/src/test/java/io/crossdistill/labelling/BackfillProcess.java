package io.crossdistill.labelling;

import io.crossdistill.models.ModelException;
import io.crossdistill.models.Teacher;
import io.crossdistill.v1.Example;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A backfill in a JVM of its own, for {@link BackfillKillTest} to kill: the tiny real teacher in
 * {@code TEACHER_DIR} over the examples in {@code INPUT} into the store {@code STORE}, printing one line per
 * event on stdout so that the test can choose the instant it kills it:
 * {@code started FROM}, {@code progress DONE} after each forward batch, {@code committed N} when shard N is
 * committed, {@code completing N} when the next batch completes shard N (its commit and checkpoint follow),
 * {@code finished DONE}. With {@code PAUSE_AT} ≥ 0 it prints {@code paused DONE} once {@code DONE} records
 * are done and waits, inside the job with its files as they are, for a {@code resume} line on stdin.
 *
 * <p>Usage: {@code BackfillProcess TEACHER_DIR INPUT STORE BATCH_ROWS SHARD_RECORDS PAUSE_AT}
 */
final class BackfillProcess {

  private BackfillProcess() {
  }

  public static void main(String[] args) throws IOException, ModelException {
    Path teacherDir = Path.of(args[0]);
    Path input = Path.of(args[1]);
    Path store = Path.of(args[2]);
    Backfill.Options options = new Backfill.Options(Integer.parseInt(args[3]), Integer.parseInt(args[4]));
    long pauseAt = Long.parseLong(args[5]);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    int shard = options.shardRecords();
    Backfill.Listener listener = new Backfill.Listener() {
      @Override
      public void started(long from, OptionalLong total) {
        out.println("started " + from);
      }

      @Override
      public void progress(long done, OptionalLong total, long labels, long deadLetters) {
        out.println("progress " + done);
        long inShard = done % shard;
        if (inShard == 0) {
          out.println("committed " + (done / shard - 1));
        } else if (shard - inShard <= options.batchRows()) {
          out.println("completing " + done / shard);
        }
        if (done == pauseAt) {
          out.println("paused " + done);
          try {
            String line = in.readLine();
            if (!"resume".equals(line)) {
              Runtime.getRuntime().halt(3);
            }
          } catch (IOException e) {
            Runtime.getRuntime().halt(3);
          }
        }
      }
    };
    try (Teacher teacher = Teacher.open(teacherDir);
        RecordSource source = RecordSources.avroFiles(input, "examples.avro", Example.getClassSchema())) {
      Backfill.Outcome outcome = Backfill.run(new LabelStore(store), TinyTeacherArtifact.path(teacher.signature()),
          source, TeacherForward.of(teacher), TinyTeacherArtifact.RUN, options, listener, () -> false);
      out.println("finished " + outcome.done());
    }
  }
}
