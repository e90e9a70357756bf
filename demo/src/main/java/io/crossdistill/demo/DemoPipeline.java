package io.crossdistill.demo;

import io.crossdistill.aligner.AlignedTask;
import io.crossdistill.datasets.CrossDomainData;
import io.crossdistill.datasets.DomainSchema;
import io.crossdistill.datasets.Split;
import io.crossdistill.datasets.TaskDef;
import io.crossdistill.labelling.AlignedRun;
import io.crossdistill.labelling.InProcessLabelling;
import io.crossdistill.labelling.LabelSetReader;
import io.crossdistill.labelling.Labelling;
import io.crossdistill.labelling.StoredLabelSet;
import io.crossdistill.labelling.TeacherTraining;
import io.crossdistill.mapper.CompiledMapper;
import io.crossdistill.mapper.CoverageAnalyzer;
import io.crossdistill.mapper.CoverageReport;
import io.crossdistill.mapper.DriftThresholds;
import io.crossdistill.mapper.FeatureMapping;
import io.crossdistill.mapper.FeatureMappingSpec;
import io.crossdistill.mapper.MappingValidationException;
import io.crossdistill.models.ModelException;
import io.crossdistill.models.TeacherArtifact;
import io.crossdistill.models.TrainingConfig;
import io.crossdistill.schemas.ContainerReader;
import io.crossdistill.schemas.ContentHash;
import io.crossdistill.schemas.ValidationResult;
import io.crossdistill.schemas.metrics.Metrics;
import io.crossdistill.student.EncodedExamples;
import io.crossdistill.student.ExampleEncoder;
import io.crossdistill.student.ModelRun;
import io.crossdistill.student.ResultTable;
import io.crossdistill.student.StudentPlan;
import io.crossdistill.student.StudentSize;
import io.crossdistill.student.StudentTrainer;
import io.crossdistill.student.TaskMetrics;
import io.crossdistill.student.Variant;
import io.crossdistill.student.VariantCatalog;
import io.crossdistill.student.cli.Progress;
import io.crossdistill.v1.Example;
import io.crossdistill.v1.Provenance;
import io.crossdistill.v1.TeacherSignature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The end-to-end slice on the simulator: train a teacher on the source domain, map the target examples
 * into its inputs, label them with the unchanged teacher (through the teacher service over REST, or in
 * process), align its heads to the target tasks (fitted on a small labelled sample), write the labels
 * with provenance, then train the student library's control and catalog {@code distilled} students side
 * by side and score them, with the teacher's zero-shot quality, on the target test split.
 */
public final class DemoPipeline {

  /** Columns of the result tables. */
  public static final List<String> COLUMNS = List.of("teacher zero-shot", ModelRun.CONTROL, DemoPipeline.DISTILLED);

  /** The catalog name of the distilled variant the demo trains beside the control. */
  static final String DISTILLED = "distilled";

  /** Share of the students' training ids replaced by the unknown id, as for the teacher. */
  static final double STUDENT_ID_DROPOUT = 0.05;

  private final DemoOptions options;
  private final Consumer<String> log;
  /** Labelling through the teacher service; null when the demo labels in process. */
  private Labelling service;

  public DemoPipeline(DemoOptions options, Consumer<String> log) {
    this.options = options;
    this.log = log;
  }

  /** Runs the demo and returns its report. */
  public DemoReport run() throws ModelException {
    SimulatorScenario scenario = new SimulatorScenario(options.small());
    Path root = options.out().resolve(scenario.name());
    List<Double> fractions = options.fractions().isEmpty() ? scenario.trainFractions() : options.fractions();
    log.accept("demo: " + scenario.title());

    Map<String, Path> artifacts = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    Map<String, ResultTable> tables = new LinkedHashMap<>();
    Path teacherDir = root.resolve("teacher");
    artifacts.put("teacher", teacherDir);

    TeacherTraining.Trained teacher = null;
    double defaulted = Double.NaN;
    long studentParameters = 0;
    try (TeacherArtifactHolder holder = new TeacherArtifactHolder()) {
      for (double fraction : fractions) {
        ResultTable table = new ResultTable(COLUMNS);
        String label = String.format(Locale.ROOT, "%.0f%% of target train", fraction * 100);
        tables.put(label, table);
        for (long seed : options.seeds()) {
          String runName = String.format(Locale.ROOT, "f%03d-seed%d", Math.round(fraction * 100), seed);
          Path runDir = root.resolve("runs").resolve(runName);
          CrossDomainData data = loadData(scenario, runDir.resolve("data"), fraction, seed);
          if (teacher == null) {
            teacher = trainTeacher(scenario, data, teacherDir);
            holder.open(teacherDir);
            startService(holder, root, teacherDir, artifacts);
          }
          RunOutcome outcome = runOne(scenario, data, holder.artifact, teacher, runDir, seed, table,
              notes.isEmpty());
          if (notes.isEmpty()) {
            notes.addAll(outcome.notes());
            artifacts.put("labels (first run)", outcome.labels());
            artifacts.put("students (first run)", runDir.resolve("students"));
          }
          defaulted = outcome.defaultedFraction();
          studentParameters = outcome.studentParameters();
        }
      }
    }
    artifacts.put("runs", root.resolve("runs"));
    return new DemoReport(scenario.title(), options.reportOnValidation() ? "validation" : "test", tables, defaulted, teacher.parameters(), studentParameters, artifacts,
        notes);
  }

  private CrossDomainData loadData(SimulatorScenario scenario, Path dir, double fraction, long seed) {
    log.accept(String.format(Locale.ROOT, "data: writing split files (target train fraction %.2f, seed %d) to %s",
        fraction, seed, dir));
    CrossDomainData data = scenario.load(dir, fraction, seed, (split, written, expected) -> { });
    log.accept(String.format(Locale.ROOT, "data: %s", data.counts()));
    return data;
  }

  private TeacherTraining.Trained trainTeacher(SimulatorScenario scenario, CrossDomainData data, Path teacherDir)
      throws ModelException {
    TeacherTraining.Recipe recipe = scenario.teacherRecipe();
    long rows = data.count(Split.SOURCE_TRAIN);
    int batches = (int) Math.ceil(rows / (double) recipe.training().batchSize());
    try (Progress progress = Progress.start("teacher: training on source", (long) batches
        * recipe.training().maxEpochs(), "steps")) {
      TeacherTraining.Trained trained = TeacherTraining.train(data, recipe, teacherDir,
          new ProgressListenerAdapter(progress), log);
      log.accept(String.format(Locale.ROOT, "teacher: %,d parameters, %d epochs (best %d), %.1f s, hash %s",
          trained.parameters(), trained.report().epochsRun(), trained.report().bestEpoch(),
          trained.report().wallTime().toMillis() / 1000.0, trained.signature().getContentHash().substring(0, 12)));
      return trained;
    }
  }

  private record RunOutcome(double defaultedFraction, long studentParameters, Path labels, List<String> notes) {
  }

  private RunOutcome runOne(SimulatorScenario scenario, CrossDomainData data, TeacherArtifact teacher,
      TeacherTraining.Trained trained, Path runDir, long seed, ResultTable table, boolean verbose)
      throws ModelException {
    TeacherSignature signature = teacher.signature();
    DomainSchema target = data.target();
    List<String> tasks = target.taskNames();
    List<String> notes = new ArrayList<>();

    // 1. map target examples into the teacher's inputs
    FeatureMappingSpec mapping = scenario.targetMapping(signature, trained.scaling(), data);
    ValidationResult validation = FeatureMapping.validate(mapping, signature, Example.getClassSchema())
        .orThrow(MappingValidationException::new);
    validation.warnings().forEach(w -> log.accept("mapping warning: " + w.pointer() + ": " + w.message()));
    CompiledMapper mapper = FeatureMapping.compile(mapping, signature, Example.getClassSchema());
    String defaultedLine = String.format(Locale.ROOT,
        "mapping: %.0f%% of the teacher's inputs have no target counterpart and take the teacher's defaults",
        mapper.defaultedFraction() * 100);
    log.accept(defaultedLine);
    if (verbose) {
      notes.add(defaultedLine);
      try (ContainerReader<Example> in = data.open(Split.TARGET_TRAIN)) {
        CoverageReport coverage = CoverageAnalyzer.analyze(mapping, signature, Example.getClassSchema(), in,
            DriftThresholds.defaults());
        log.accept("coverage and drift of the mapped target training data:\n" + coverage.toTable());
      }
    }
    Split reportSplit = options.reportOnValidation() ? Split.TARGET_VALID : Split.TARGET_TEST;

    // 2.-3. label with the unchanged teacher and align, fitted on a small labelled sample of the training rows
    Labelling labelling = service != null ? service : new InProcessLabelling(teacher, log);
    AlignedRun run = labelling.label(mapping, scenario.alignment(), data, reportSplit, tasks, seed,
        runDir.resolve("labels"));
    StoredLabelSet labels = run.labels();
    log.accept(String.format(Locale.ROOT, "labels (%s, %s): label set %s, %,d labels, %,d dead letters -> %s",
        run.mappingRef(), run.alignmentRef(), labels.manifest().id(), labels.manifest().counts().labels(),
        labels.manifest().counts().deadLetters(), labels.dir()));

    // 4. teacher zero-shot on the report split (test, or validation while choosing settings)
    for (AlignedTask column : run.columns()) {
      if (!column.serving()) {
        continue;
      }
      TaskDef task = target.task(column.name()).orElseThrow();
      addRows(table, COLUMNS.get(0), TaskMetrics.of(task,
          Metrics.column(run.reportLabels(), run.columns().size(), column.column()),
          Metrics.column(run.reportTruth(), tasks.size(), tasks.indexOf(task.name()))));
    }

    // 5. students: control and distilled, side by side
    ExampleEncoder encoder;
    try (ContainerReader<Example> in = data.open(Split.TARGET_TRAIN)) {
      encoder = ExampleEncoder.fit(target, tasks, in);
    }
    EncodedExamples encodedTrain = encode(encoder, data, Split.TARGET_TRAIN);
    EncodedExamples train = new EncodedExamples(
        encoder.withIdDropout(encodedTrain.data(), STUDENT_ID_DROPOUT, seed ^ 0x5EEDL), encodedTrain.exampleIds(),
        encodedTrain.tasks());
    EncodedExamples valid = encode(encoder, data, Split.TARGET_VALID);
    EncodedExamples test = encode(encoder, data, reportSplit);
    LabelSetReader labelSet = labels;
    float[] teacherLabels = labelSet.joinTo(train.exampleIds());
    TrainingConfig config = scenario.studentTraining(seed);
    Path students = runDir.resolve("students");
    Provenance provenance = studentProvenance(data, seed, labelSet);
    Provenance withoutTeacher = Provenance.newBuilder(provenance).setTeacherId("").setTeacherHash("")
        .setMappingName(null).setMappingVersion(null).setAlignmentName(null).setAlignmentVersion(null).build();
    long distilledParameters = 0;
    for (Variant variant : List.of(Variant.control(), distilledVariant())) {
      StudentPlan plan = StudentPlan.of(target.tasks(), run.columns(), variant, train.data());
      try (StudentTrainer.Trained student = StudentTrainer.train(plan,
          encoder.idInputs(scenario.studentSize().embeddingDim()), train.data(), teacherLabels, valid.data(),
          scenario.studentSize(), config)) {
        Map<String, float[]> outputs = student.predictByTask(test.data());
        for (TaskDef task : target.tasks()) {
          addRows(table, variant.name(), TaskMetrics.of(task, outputs.get(task.name()), test.labels(task.name())));
        }
        student.model().save(students.resolve(variant.name()), stamp(variant.distills() ? provenance : withoutTeacher,
            variant, scenario.studentSize(), config));
        long parameters = student.model().parameterCount();
        log.accept(String.format(Locale.ROOT, "student %s (seed %d): %,d parameters, %d epochs (best %d), %.1f s",
            variant.name(), seed, parameters, student.report().epochsRun(), student.report().bestEpoch(),
            student.report().wallTime().toMillis() / 1000.0));
        if (variant.distills()) {
          distilledParameters = parameters;
        }
      }
    }
    if (verbose) {
      notes.add(String.format(Locale.ROOT, "teacher %,d parameters, student %,d: %.0fx smaller",
          trained.parameters(), distilledParameters, trained.parameters() / (double) distilledParameters));
    }
    return new RunOutcome(mapper.defaultedFraction(), distilledParameters, labels.dir(), notes);
  }

  /** The catalog's {@code distilled} variant at the first weight of its grid (the demo does not tune it). */
  static Variant distilledVariant() {
    VariantCatalog.Entry entry = VariantCatalog.select(List.of(DISTILLED)).stream()
        .filter(e -> e.variant().name().equals(DISTILLED)).findFirst().orElseThrow();
    return entry.variant().withTeacherWeight(entry.weights().get(0));
  }

  /** One table row per metric of {@code metrics}, labelled as the report labels them ("click AUC"). */
  private static void addRows(ResultTable table, String column, TaskMetrics metrics) {
    Map<String, String> labels = TaskMetrics.names(metrics.task().kind());
    metrics.values().forEach((name, value) -> table.add(metrics.task().name() + " " + labels.get(name), column, value));
  }

  /** The students' provenance with their variant, size and training settings as hyper-parameters. */
  private static Provenance stamp(Provenance provenance, Variant variant, StudentSize size, TrainingConfig config) {
    Map<String, String> hp = new TreeMap<>(provenance.getHyperParameters());
    hp.putAll(config.hyperParameters());
    hp.put("student", variant.name());
    hp.put("teacherWeight", Double.toString(variant.teacherWeight()));
    hp.put("embeddingDim", Integer.toString(size.embeddingDim()));
    hp.put("hiddenWidths", size.hiddenWidths().toString());
    return Provenance.newBuilder(provenance).setHyperParameters(hp).setSeed(config.seed()).build();
  }

  /** Provenance of the students: the labels' teacher, mapping and alignment, the run's seed and data. */
  private static Provenance studentProvenance(CrossDomainData data, long seed, LabelSetReader labels) {
    Provenance.Builder p = labels.provenance().map(Provenance::newBuilder).orElseGet(Provenance::newBuilder);
    return p.setSeed(seed).setInputDataHash(ContentHash.ofFile(data.path(Split.TARGET_TRAIN)))
        .setProducer("crossdistill demo").build();
  }

  private static EncodedExamples encode(ExampleEncoder encoder, CrossDomainData data, Split split) {
    try (ContainerReader<Example> in = data.open(split)) {
      return encoder.encode(in);
    }
  }

  private void startService(TeacherArtifactHolder holder, Path root, Path teacherDir, Map<String, Path> artifacts) {
    if (options.serviceJar().isEmpty()) {
      log.accept("labels: in process (no teacher service configured)");
      return;
    }
    log.accept("service: starting the teacher service with the trained teacher ...");
    holder.process = TeacherServiceProcess.start(options.serviceJar().get(), root, teacherDir, root.resolve("runs"),
        root.resolve("service"));
    log.accept("service: ready at " + holder.process.base() + " (log " + holder.process.log() + ")");
    artifacts.put("service log", holder.process.log());
    service = new ServiceLabelling(new TeacherServiceClient(holder.process.base(), holder.process.apiKey()),
        holder.artifact.signature(), root.resolve("runs"), TeacherServiceProcess.labelStore(root.resolve("service")), log);
  }

  /** Opens the teacher artifact (and the service, when used) once and closes them at the end. */
  private static final class TeacherArtifactHolder implements AutoCloseable {
    private TeacherArtifact artifact;
    private TeacherServiceProcess process;

    void open(Path dir) throws ModelException {
      artifact = TeacherArtifact.open(dir);
    }

    @Override
    public void close() {
      if (process != null) {
        process.close();
      }
      if (artifact != null) {
        artifact.close();
      }
    }
  }

  /** Moves the progress bar with the teacher's training steps. */
  private record ProgressListenerAdapter(Progress progress) implements io.crossdistill.models.TrainingListener {
    @Override
    public void onStep(int epoch, int step, double trainLoss) {
      progress.step(1);
    }

    @Override
    public void onEpoch(io.crossdistill.models.EpochLoss epoch) {
      progress.status(String.format(Locale.ROOT, "epoch %d: train %.4f, valid %.4f", epoch.epoch(),
          epoch.trainLoss(), epoch.validationLoss()));
    }
  }
}
