package io.crossdistill.student.internal.compare;

import io.crossdistill.aligner.TaskAlignmentSpec;
import io.crossdistill.aligner.TargetTask;
import io.crossdistill.aligner.TaskSource;
import io.crossdistill.aligner.Transform;
import io.crossdistill.datasets.CrossDomainData;
import io.crossdistill.datasets.DomainSchema;
import io.crossdistill.datasets.Split;
import io.crossdistill.datasets.TaskDef;
import io.crossdistill.labelling.AlignedRun;
import io.crossdistill.labelling.InProcessLabelling;
import io.crossdistill.mapper.CoverageAnalyzer;
import io.crossdistill.mapper.CoverageReport;
import io.crossdistill.mapper.DriftThresholds;
import io.crossdistill.mapper.FeatureMappingSpec;
import io.crossdistill.models.ModelException;
import io.crossdistill.models.TrainingListener;
import io.crossdistill.schemas.ContainerReader;
import io.crossdistill.student.CompareOptions;
import io.crossdistill.student.ComparisonResult;
import io.crossdistill.student.Comparison;
import io.crossdistill.student.Comparisons;
import io.crossdistill.student.EncodedExamples;
import io.crossdistill.student.ExampleEncoder;
import io.crossdistill.student.ModelRun;
import io.crossdistill.student.RatingsProtocol;
import io.crossdistill.student.ScoredSplit;
import io.crossdistill.student.ScoredTask;
import io.crossdistill.student.StudentArtifact;
import io.crossdistill.student.StudentPlan;
import io.crossdistill.student.StudentRecipe;
import io.crossdistill.student.StudentTrainer;
import io.crossdistill.student.Variant;
import io.crossdistill.student.VariantCatalog;
import io.crossdistill.v1.Example;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * One {@code student compare} run over a directory in the ratings layout: for every fraction and seed,
 * load the splits, label the training rows with the (once trained) teacher and its alignment, then train
 * the control and every variant side by side on the same rows and score them, with the teacher used
 * alone, on the test split. A variant with several teacher weights trains each on the first seed of a
 * fraction and keeps the one with the lowest validation serving loss for every seed of that fraction.
 */
public final class ComparisonRunner {

  private final CompareOptions options;
  private final RatingsProtocol protocol;
  private final Consumer<String> log;
  private final Runnable studentDone;
  private final List<VariantCatalog.Entry> entries;
  private final StudentRecipe recipe;
  private final List<ModelRun> runs = new ArrayList<>();
  private final Map<String, Double> chosenWeights = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();
  private List<String> coverage = List.of();

  /** A runner; {@code studentDone} is called after each trained student (for progress bars). */
  public ComparisonRunner(CompareOptions options, Consumer<String> log, Runnable studentDone) {
    this(options, log, studentDone, VariantCatalog.select(options.variants()));
  }

  private ComparisonRunner(CompareOptions options, Consumer<String> log, Runnable studentDone,
      List<VariantCatalog.Entry> entries) {
    this.options = options;
    this.protocol = new RatingsProtocol(options.data(), options.small());
    this.log = log;
    this.studentDone = studentDone;
    this.entries = entries;
    this.recipe = protocol.studentRecipe();
  }

  /**
   * One student trained as {@code student compare} trains it, and where it was saved.
   *
   * @param artifact the saved student ({@link StudentArtifact})
   * @param valid its scores and metrics on the validation split
   * @param test its scores and metrics on the test split
   */
  public record SingleStudent(Path artifact, ModelRun valid, ModelRun test) {
  }

  /**
   * Trains one student of {@code variant} with {@code teacherWeight} on the first fraction and seed of
   * {@code options} (its variants are ignored): the same data, teacher (trained or reused under {@code
   * out/teachers}), labels, encoder and save as {@code student compare}, without the control beside it.
   */
  public static SingleStudent trainOne(CompareOptions options, Variant variant, double teacherWeight,
      Consumer<String> log, Runnable studentDone) throws ModelException {
    VariantCatalog.Entry entry = new VariantCatalog.Entry(variant, List.of(teacherWeight), variant.name());
    ComparisonRunner runner = new ComparisonRunner(options, log, studentDone, List.of(entry));
    double fraction = options.fractions().get(0);
    long seed = options.seeds().get(0);
    String name = runName(fraction, seed);
    CrossDomainData data = runner.protocol.load(options.out().resolve("data").resolve(name), fraction, seed,
        (split, written, expected) -> { });
    log.accept("data " + name + ": " + data.counts());
    int teachers = variant.source() == Variant.TeacherSource.COMMITTEE ? options.committeeSize() : 1;
    try (TeacherPanel panel = TeacherPanel.train(runner.protocol, data, options.out().resolve("teachers"), teachers,
        TrainingListener.NONE, log)) {
      log.accept(parameterNote(panel));
      PreparedRun prepared = runner.prepare(panel, data, fraction, seed, options.out().resolve("labels").resolve(name));
      runner.trainVariant(entry, prepared, fraction, seed);
    }
    Path artifact = options.out().resolve("models").resolve(variant.name() + "-" + name);
    ModelRun valid = runner.runs.stream().filter(r -> !r.isTest()).findFirst().orElseThrow();
    ModelRun test = runner.runs.stream().filter(ModelRun::isTest).findFirst().orElseThrow();
    return new SingleStudent(artifact, valid, test);
  }

  /** How many students the run trains (for progress bars). */
  public long studentCount() {
    long perSeed = entries.size();
    long tuning = entries.stream().mapToLong(e -> e.weights().size() - 1).sum();
    return options.fractions().size() * (perSeed * options.seeds().size() + tuning);
  }

  /** Runs everything and returns the result (not yet written). */
  public ComparisonResult run() throws ModelException {
    boolean committee = entries.stream().anyMatch(e -> e.variant().source() == Variant.TeacherSource.COMMITTEE);
    TeacherPanel panel = null;
    try {
      for (double fraction : options.fractions()) {
        for (long seed : options.seeds()) {
          String name = runName(fraction, seed);
          CrossDomainData data = protocol.load(options.out().resolve("data").resolve(name), fraction, seed,
              (split, written, expected) -> { });
          log.accept("data " + name + ": " + data.counts());
          if (panel == null) {
            panel = TeacherPanel.train(protocol, data, options.out().resolve("teachers"),
                committee ? options.committeeSize() : 1, TrainingListener.NONE, log);
            notes.add(parameterNote(panel));
          }
          PreparedRun prepared = prepare(panel, data, fraction, seed, options.out().resolve("labels").resolve(name));
          runs.add(ModelRun.of(ModelRun.TEACHER_ZERO_SHOT, fraction, seed, ModelRun.TEST, prepared.teacherTest(),
              List.of(), RunProvenance.teacher(prepared.labelProvenance()), OptionalLong.of(panel.trained(0).parameters())));
          for (VariantCatalog.Entry entry : entries) {
            trainVariant(entry, prepared, fraction, seed);
          }
        }
      }
    } finally {
      if (panel != null) {
        panel.close();
      }
    }
    chosenWeights.forEach((k, w) -> notes.add("teacher weight chosen on validation: " + k + " → " + w));
    List<Comparison> comparisons = new ArrayList<>(Comparisons.all(runs, ModelRun.CONTROL));
    comparisons.addAll(Comparisons.all(runs, ModelRun.TEACHER_ZERO_SHOT).stream()
        .filter(c -> !c.variant().equals(ModelRun.CONTROL)).toList());
    return new ComparisonResult("crossdistill student compare: " + options.data().getFileName(),
        options.data().getFileName().toString(), runs, comparisons, coverage, notes);
  }

  private PreparedRun prepare(TeacherPanel panel, CrossDomainData data, double fraction, long seed, Path labelDir) {
    DomainSchema target = data.target();
    List<String> tasks = target.taskNames();
    FeatureMappingSpec mapping = protocol.targetMapping(panel.teacher(0).signature(), panel.trained(0).scaling());
    if (coverage.isEmpty()) {
      try (ContainerReader<Example> in = data.open(Split.TARGET_TRAIN)) {
        CoverageReport report = CoverageAnalyzer.analyze(mapping, panel.teacher(0).signature(), Example.getClassSchema(),
            in, DriftThresholds.defaults());
        coverage = List.of(report.toTable().split("\n"));
      }
    }
    AlignedRun run = new InProcessLabelling(panel.teacher(0), log).label(mapping, protocol.alignment(), data,
        Split.TARGET_TEST, tasks, seed, labelDir.resolve("teacher-17"));
    ExampleEncoder encoder;
    try (ContainerReader<Example> in = data.open(Split.TARGET_TRAIN)) {
      encoder = ExampleEncoder.fit(target, tasks, in);
    }
    PreparedRun.EncodedSplits encoded = PreparedRun.EncodedSplits.of(encoder, data);
    EncodedExamples train = encoded.train();
    float[] labels = PreparedRun.trainLabels(run, train.exampleIds());
    Optional<float[]> committee = Optional.empty();
    if (panel.size() > 1 && needs(Variant.TeacherSource.COMMITTEE)) {
      List<float[]> all = new ArrayList<>(List.of(labels));
      for (int i = 1; i < panel.size(); i++) {
        FeatureMappingSpec m = protocol.targetMapping(panel.teacher(i).signature(), panel.trained(i).scaling());
        AlignedRun other = new InProcessLabelling(panel.teacher(i), log).label(m, protocol.alignment(), data,
            Split.TARGET_VALID, tasks, seed, labelDir.resolve("teacher-" + (17 + i)));
        all.add(PreparedRun.trainLabels(other, train.exampleIds()));
      }
      committee = Optional.of(PreparedRun.mean(all));
    }
    Optional<float[]> adapted = Optional.empty();
    if (needs(Variant.TeacherSource.ADAPTED)) {
      AlignedRun adapter = new InProcessLabelling(panel.teacher(0), 1.0, log).label(mapping,
          adapterAlignment(protocol.alignment()), data, Split.TARGET_VALID, tasks, seed, labelDir.resolve("adapted"));
      adapted = Optional.of(PreparedRun.trainLabels(adapter, train.exampleIds()));
    }
    Optional<PreparedRun.EncodedSplits> withUsers = entries.stream().anyMatch(e -> e.variant().representations())
        ? Optional.of(PreparedRun.EncodedSplits.of(
            encoder.withLookup(panel.userRepresentations(options.representation(), mapping, data)), data))
        : Optional.empty();
    ScoredSplit teacherTest = PreparedRun.teacherScores(run, target, encoded.test().exampleIds());
    return new PreparedRun(data, encoded, run.columns(), labels, committee, adapted, withUsers, teacherTest,
        PreparedRun.labelProvenance(run));
  }

  /**
   * The student adapter: the same alignment with every fitted binary transform made isotonic, fitted on
   * all of the student's training labels instead of a small sample.
   */
  static TaskAlignmentSpec adapterAlignment(TaskAlignmentSpec spec) {
    List<TargetTask> tasks = new ArrayList<>();
    for (TargetTask task : spec.tasks()) {
      if (task.source() instanceof TaskSource.FromHead head && head.transform() instanceof Transform.Platt) {
        tasks.add(task.withSource(new TaskSource.FromHead(head.head(), Transform.Isotonic.unfitted())));
      } else {
        tasks.add(task);
      }
    }
    return new TaskAlignmentSpec(spec.name() + "-adapter", spec.version(), spec.description()
        + " (adapter: isotonic on all training rows)", tasks);
  }

  private boolean needs(Variant.TeacherSource source) {
    return entries.stream().anyMatch(e -> e.variant().source() == source);
  }

  private void trainVariant(VariantCatalog.Entry entry, PreparedRun run, double fraction, long seed) throws ModelException {
    Variant base = entry.variant();
    String key = String.format(Locale.ROOT, "%s at %s", base.name(), fractionLabel(fraction));
    List<Double> grid = chosenWeights.containsKey(key) ? List.of(chosenWeights.get(key)) : entry.weights();
    PreparedRun.EncodedSplits inputs = base.representations() ? run.withUsers().orElseThrow() : run.encoded();
    ExampleEncoder encoder = inputs.encoder();
    EncodedExamples train = inputs.train();
    EncodedExamples valid = inputs.valid();
    EncodedExamples test = inputs.test();
    float[] labels = switch (base.source()) {
      case SINGLE -> run.teacherLabels();
      case COMMITTEE -> run.committeeLabels().orElseThrow();
      case ADAPTED -> run.adaptedLabels().orElseThrow();
    };
    List<TaskDef> tasks = run.data().target().tasks();
    StudentTrainer.Trained best = null;
    double bestLoss = Double.POSITIVE_INFINITY;
    double bestWeight = grid.get(0);
    for (double weight : grid) {
      Variant variant = base.withTeacherWeight(weight);
      StudentPlan plan = StudentPlan.of(tasks, run.columns(), variant, train.data());
      long start = System.nanoTime();
      StudentTrainer.Trained trained = StudentTrainer.train(plan, encoder.idInputs(recipe.size().embeddingDim()),
          train.data(), labels, valid.data(), recipe.size(), recipe.training(seed, TrainingListener.NONE));
      double loss = trained.report().epochs().get(trained.report().bestEpoch() - 1).validationLoss();
      log.accept(String.format(Locale.ROOT, "student %s (w %s) %s seed %d: %d epochs (best %d), valid loss %.4f, %.1f s",
          base.name(), weight, fractionLabel(fraction), seed, trained.report().epochsRun(), trained.report().bestEpoch(),
          loss, (System.nanoTime() - start) / 1e9));
      studentDone.run();
      if (loss < bestLoss) {
        if (best != null) {
          best.close();
        }
        best = trained;
        bestLoss = loss;
        bestWeight = weight;
      } else {
        trained.close();
      }
    }
    if (grid.size() > 1) {
      chosenWeights.put(key, bestWeight);
    }
    try (StudentTrainer.Trained student = best) {
      Map<String, String> provenance = RunProvenance.student(run, student, base.withTeacherWeight(bestWeight), seed,
          options.representation(), recipe);
      Path dir = options.out().resolve("models").resolve(base.name() + "-" + runName(fraction, seed));
      StudentArtifact.save(dir, student, encoder, RunProvenance.stamped(provenance, seed, run));
      for (var split : List.of(Map.entry(ModelRun.VALID, valid), Map.entry(ModelRun.TEST, test))) {
        runs.add(ModelRun.of(base.name(), fraction, seed, split.getKey(), scores(student, split.getValue(), tasks),
            split.getKey().equals(ModelRun.TEST) ? student.report().epochs() : List.of(), provenance,
            OptionalLong.of(student.model().parameterCount())));
      }
    }
  }

  private static ScoredSplit scores(StudentTrainer.Trained student, EncodedExamples examples, List<TaskDef> tasks) {
    Map<String, float[]> outputs = student.predictByTask(examples.data());
    List<ScoredTask> scored = new ArrayList<>();
    for (TaskDef task : tasks) {
      scored.add(new ScoredTask(task, outputs.get(task.name()), examples.labels(task.name())));
    }
    return new ScoredSplit(examples.exampleIds(), scored);
  }

  private static String parameterNote(TeacherPanel panel) {
    return String.format(Locale.ROOT, "teacher %s: %,d parameters (%s)",
        panel.teacher(0).contentHash().substring(0, 12),
        panel.trained(0).parameters(), describe(panel.teacher(0).model().config()));
  }

  /** "12,345 dense + 678,901 embedding". */
  static String describe(io.crossdistill.models.NetworkConfig config) {
    return String.format(Locale.ROOT, "%,d dense + %,d embedding", config.denseParameterCount(),
        config.embeddingParameterCount());
  }

  static String runName(double fraction, long seed) {
    return "f" + fraction + "-seed" + seed;
  }

  static String fractionLabel(double fraction) {
    return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
  }
}
