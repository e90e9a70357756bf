package io.crossdistill.student.cli;

import io.crossdistill.datasets.ExampleFiles;
import io.crossdistill.schemas.ContainerReader;
import io.crossdistill.student.InvalidStudentException;
import io.crossdistill.student.StudentArtifact;
import io.crossdistill.student.internal.report.ScoreCsv;
import io.crossdistill.v1.Example;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code student predict}: a saved student's serving outputs for a file of examples, as CSV; reads
 * only the student's directory, never a teacher.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Score examples with a student saved by student train or student compare (a directory with"
        + " student.json), without its teacher. --input is an Avro container file of"
        + " io.crossdistill.v1.Example records, e.g. <out>/data/f1.0-seed1/target-test.avro; ratings TSV"
        + " files are not read (their per-user and per-item statistics come from the loader, which turns"
        + " them into such Avro files first). Writes example_id,task,score: a probability for a binary"
        + " task, a value for a regression task.")
final class PredictCommand implements Callable<Integer> {

  /** The CSV header. */
  static final String HEADER = "example_id,task,score";

  private static final byte[] AVRO_MAGIC = {'O', 'b', 'j', 1};
  private static final int BATCH = 8192;

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "the student's directory")
  private Path model;

  @Option(names = "--input", required = true, paramLabel = "FILE", description = "Avro container file of Example records")
  private Path input;

  @Option(names = "--out", paramLabel = "FILE.csv", description = "where to write the scores (default: stdout)")
  private Optional<Path> out = Optional.empty();

  @Override
  public Integer call() throws IOException {
    List<String> problems = new ArrayList<>();
    inputProblem().ifPresent(problems::add);
    StudentArtifact student = null;
    try {
      student = StudentArtifact.open(model);
    } catch (InvalidStudentException e) {
      problems.add("--model: " + e.getMessage());
    }
    if (!problems.isEmpty()) {
      if (student != null) {
        student.close();
      }
      System.err.println("student predict: " + String.join("; ", problems));
      return 2;
    }
    long rows = 0;
    try (StudentArtifact s = student; ContainerReader<Example> examples = ExampleFiles.read(input);
        Writer csv = open()) {
      csv.write(HEADER + "\n");
      List<Example> batch = new ArrayList<>(BATCH);
      for (Example e : examples) {
        batch.add(e);
        if (batch.size() == BATCH) {
          rows += write(s, batch, csv);
        }
      }
      rows += write(s, batch, csv);
    }
    if (out.isPresent()) {
      System.err.println("student predict: " + rows + " examples scored into " + out.get());
    }
    return 0;
  }

  private Optional<String> inputProblem() {
    if (!Files.isRegularFile(input)) {
      return Optional.of("--input: " + input + " is not a file");
    }
    try (InputStream in = Files.newInputStream(input)) {
      if (!Arrays.equals(in.readNBytes(AVRO_MAGIC.length), AVRO_MAGIC)) {
        return Optional.of("--input: " + input + " is not an Avro container file (ratings TSV files are not read:"
            + " turn them into Example files with the loader first, e.g. student train's <out>/data/)");
      }
    } catch (IOException e) {
      return Optional.of("--input: " + input + " cannot be read: " + e.getMessage());
    }
    return Optional.empty();
  }

  private Writer open() throws IOException {
    if (out.isPresent()) {
      Path parent = out.get().toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return Files.newBufferedWriter(out.get());
    }
    // stdout stays open for whatever runs after us
    return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)) {
      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }

  private static int write(StudentArtifact student, List<Example> batch, Writer csv) {
    int n = batch.size();
    if (n == 0) {
      return 0;
    }
    try {
      for (StudentArtifact.Prediction p : student.predict(batch)) {
        String id = ScoreCsv.quote(p.exampleId());
        for (Map.Entry<String, Double> task : p.outputs().entrySet()) {
          csv.write(id + ',' + ScoreCsv.quote(task.getKey()) + ',' + task.getValue().floatValue() + '\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the scores", e);
    }
    batch.clear();
    return n;
  }
}
