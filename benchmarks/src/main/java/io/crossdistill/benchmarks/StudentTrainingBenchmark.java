package io.crossdistill.benchmarks;

import io.crossdistill.datasets.CrossDomainData;
import io.crossdistill.datasets.RatingsWorld;
import io.crossdistill.datasets.RatingsWorldConfig;
import io.crossdistill.datasets.Split;
import io.crossdistill.labelling.TeacherTraining;
import io.crossdistill.models.EpochLoss;
import io.crossdistill.models.ModelException;
import io.crossdistill.models.TabularData;
import io.crossdistill.models.TrainingConfig;
import io.crossdistill.models.TrainingListener;
import io.crossdistill.schemas.ContainerReader;
import io.crossdistill.student.CompareOptions;
import io.crossdistill.student.EncodedExamples;
import io.crossdistill.student.ExampleEncoder;
import io.crossdistill.student.RatingsProtocol;
import io.crossdistill.student.StudentComparison;
import io.crossdistill.student.StudentPlan;
import io.crossdistill.student.StudentRecipe;
import io.crossdistill.student.StudentTrainer;
import io.crossdistill.student.Variant;
import io.crossdistill.v1.Example;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * End-to-end training benchmark of the ratings protocol ({@link RatingsProtocol}): examples per second
 * of one epoch-limited teacher (the protocol's teacher recipe, on the source training rows) and one
 * epoch-limited control student (the protocol's {@link StudentRecipe}, on N target training rows), and
 * with {@code --compare} the wall time of {@code student compare} with control, distilled and direct over
 * 5 seeds and the fractions 0.1 and 1.0. It reads {@code ../shared/data/amazon-movie-music} when present,
 * else a {@link RatingsWorld} of default size that it writes under the work directory. An epoch here is
 * what training pays for one: the training pass plus the validation loss that early stopping reads.
 *
 * <pre>java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -cp benchmarks/target/benchmarks.jar \
 *     io.crossdistill.benchmarks.StudentTrainingBenchmark [--data DIR] [--work DIR] [--rows N] [--epochs E]
 *     [--compare]</pre>
 */
public final class StudentTrainingBenchmark {

  private static final Path SHARED_DATA = Path.of("../shared/data/amazon-movie-music");
  private static final long SEED = 1;

  private StudentTrainingBenchmark() {
  }

  public static void main(String[] args) throws IOException, ModelException {
    Path data = null;
    Path work = null;
    int rows = Integer.MAX_VALUE;
    int epochs = 3;
    boolean compare = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data" -> data = Path.of(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        case "--rows" -> rows = Integer.parseInt(args[++i]);
        case "--epochs" -> epochs = Integer.parseInt(args[++i]);
        case "--compare" -> compare = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + " (known: --data DIR, --work DIR, --rows N, --epochs E, --compare)");
      }
    }
    if (epochs < 1 || rows < 1) {
      throw new IllegalArgumentException("--epochs and --rows must be at least 1");
    }
    work = work != null ? work : Files.createTempDirectory("student-training-bench");
    System.out.println("load average at start: " + TeacherServingBenchmark.loadAverage() + "; "
        + Runtime.getRuntime().availableProcessors() + " cores; work dir " + work);
    Path dir = dataDirectory(data, work);
    RatingsProtocol protocol = new RatingsProtocol(dir, false);
    CrossDomainData splits = protocol.load(work.resolve("splits"), 1.0, SEED, (split, written, expected) -> { });
    System.out.println("data: " + dir + " " + splits.counts());

    List<String> table = new ArrayList<>();
    table.add(String.format(Locale.ROOT, "%-8s %-42s %12s %9s %7s %-20s %12s", "model", "recipe", "parameters",
        "rows", "epochs", "seconds per epoch", "examples/s"));
    table.add(teacherRow(protocol, splits, epochs, work.resolve("teacher")));
    table.add(studentRow(protocol, splits, rows, epochs));
    System.out.printf(Locale.ROOT, "%ntraining throughput (an epoch = training pass + validation loss; examples/s"
        + " over epochs 2..%d, epoch 1 warms up)%n", epochs);
    table.forEach(System.out::println);

    if (compare) {
      System.out.println();
      System.out.println(compareRow(dir, work.resolve("compare")));
    }
    System.out.println("load average at end: " + TeacherServingBenchmark.loadAverage());
  }

  /** The shared Amazon data when present (or the given directory), else a default RatingsWorld written under work. */
  private static Path dataDirectory(Path data, Path work) {
    if (data != null) {
      return data;
    }
    if (Files.isDirectory(SHARED_DATA)) {
      return SHARED_DATA.toAbsolutePath().normalize();
    }
    Path world = work.resolve("ratings-world");
    System.out.println(SHARED_DATA + " not found: writing a default RatingsWorld to " + world);
    new RatingsWorld(RatingsWorldConfig.defaults()).write(world);
    return world;
  }

  private static String teacherRow(RatingsProtocol protocol, CrossDomainData splits, int epochs, Path dir) throws ModelException {
    TeacherTraining.Recipe base = protocol.teacherRecipe(17);
    EpochClock clock = new EpochClock();
    // TeacherTraining hands its listener argument to the training loop
    TrainingConfig training = limited(base.training(), epochs, TrainingListener.NONE);
    TeacherTraining.Recipe recipe = new TeacherTraining.Recipe(base.teacherId(), base.embeddingDim(),
        base.hiddenWidths(), training, base.idDropout());
    TeacherTraining.Trained trained = TeacherTraining.train(splits, recipe, dir, clock, line -> { });
    long rows = splits.count(Split.SOURCE_TRAIN);
    return row("teacher", String.format(Locale.ROOT, "emb %d, MLP %s, batch %d", base.embeddingDim(),
        widths(base.hiddenWidths()), training.batchSize()), trained.parameters(), rows, clock);
  }

  private static String studentRow(RatingsProtocol protocol, CrossDomainData splits, int rows, int epochs) {
    StudentRecipe base = protocol.studentRecipe();
    StudentRecipe recipe = new StudentRecipe(base.size(), base.learningRate(), base.batchSize(), epochs, epochs,
        base.weightDecay());
    ExampleEncoder encoder;
    try (ContainerReader<Example> in = splits.open(Split.TARGET_TRAIN)) {
      encoder = ExampleEncoder.fit(splits.target(), splits.target().taskNames(), in);
    }
    TabularData train = encode(encoder, splits, Split.TARGET_TRAIN);
    train = train.slice(0, Math.min(rows, train.rows()));
    TabularData valid = encode(encoder, splits, Split.TARGET_VALID);
    StudentPlan plan = StudentPlan.of(splits.target().tasks(), List.of(), Variant.control(), train);
    EpochClock clock = new EpochClock();
    long parameters;
    try (StudentTrainer.Trained student = StudentTrainer.train(plan, encoder.idInputs(base.size().embeddingDim()),
        train, new float[0], valid, base.size(), recipe.training(SEED, clock))) {
      parameters = student.model().parameterCount();
    }
    return row("student", String.format(Locale.ROOT, "control, emb %d, MLP %s, batch %d", base.size().embeddingDim(),
        widths(base.size().hiddenWidths()), base.batchSize()), parameters, train.rows(), clock);
  }

  private static String compareRow(Path dir, Path out) throws IOException, ModelException {
    List<Long> seeds = LongStream.rangeClosed(1, 5).boxed().toList();
    CompareOptions options = new CompareOptions(dir, out, RatingsProtocol.FRACTIONS, seeds,
        List.of("distilled", "direct"), CompareOptions.RepresentationKind.EMBEDDING, 3, false);
    Files.createDirectories(out);
    Path logFile = out.resolve("compare.log");
    StudentComparison comparison;
    long start = System.nanoTime();
    try (PrintStream log = new PrintStream(Files.newOutputStream(logFile), true, StandardCharsets.UTF_8)) {
      comparison = new StudentComparison(options, log::println, () -> { });
      comparison.run();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return String.format(Locale.ROOT, "student compare (control, distilled, direct; seeds 1-5; fractions %s): "
        + "%.1f s wall for %d students and the teacher (goal: under 300 s on 2 cores); log %s",
        RatingsProtocol.FRACTIONS, seconds, comparison.studentCount(), logFile);
  }

  private static TabularData encode(ExampleEncoder encoder, CrossDomainData splits, Split split) {
    try (ContainerReader<Example> in = splits.open(split)) {
      EncodedExamples examples = encoder.encode(in);
      return examples.data();
    }
  }

  /** The same training settings, run for exactly {@code epochs} epochs (patience no shorter). */
  private static TrainingConfig limited(TrainingConfig config, int epochs, TrainingListener listener) {
    return new TrainingConfig(config.seed(), config.learningRate(), config.batchSize(), epochs, epochs,
        config.weightDecay(), listener);
  }

  private static String row(String model, String recipe, long parameters, long rows, EpochClock clock) {
    List<Double> seconds = clock.seconds();
    List<Double> steady = seconds.size() > 1 ? seconds.subList(1, seconds.size()) : seconds;
    double mean = steady.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    String each = seconds.stream().map(s -> String.format(Locale.ROOT, "%.1f", s)).collect(Collectors.joining(" "));
    return String.format(Locale.ROOT, "%-8s %-42s %,12d %,9d %7d %-20s %,12.0f", model, recipe, parameters, rows,
        seconds.size(), each, rows / mean);
  }

  private static String widths(List<Integer> widths) {
    return widths.stream().map(String::valueOf).collect(Collectors.joining("-"));
  }

  /**
   * Wall time of each epoch: from the end of the previous epoch (or the first step of the first, which
   * leaves out one step and the setup before training) to the end of its validation pass.
   */
  private static final class EpochClock implements TrainingListener {
    private final List<Double> seconds = new ArrayList<>();
    private long last = -1;

    @Override
    public void onStep(int epoch, int step, double trainLoss) {
      if (last < 0) {
        last = System.nanoTime();
      }
    }

    @Override
    public void onEpoch(EpochLoss epoch) {
      long now = System.nanoTime();
      seconds.add((now - last) / 1e9);
      last = now;
    }

    List<Double> seconds() {
      return List.copyOf(seconds);
    }
  }
}
