package io.crossdistill.teacher.training;

import io.crossdistill.aligner.TargetTask;
import io.crossdistill.aligner.TaskAligner;
import io.crossdistill.aligner.TaskAlignmentSpec;
import io.crossdistill.aligner.TaskSource;
import io.crossdistill.aligner.Transform;
import java.util.HashMap;

import io.crossdistill.datasets.CrossDomainData;
import io.crossdistill.datasets.DomainSchema;
import io.crossdistill.datasets.FeatureScaling;
import io.crossdistill.datasets.Split;
import io.crossdistill.datasets.TaskDef;
import io.crossdistill.labelling.MappedTable;
import io.crossdistill.labelling.TeacherTraining;
import io.crossdistill.mapper.CompiledMapper;
import io.crossdistill.mapper.FeatureMapping;
import io.crossdistill.mapper.FeatureMappingSpec;
import io.crossdistill.models.HeadSpec;
import io.crossdistill.models.ModelTrainer;
import io.crossdistill.models.MultiTaskModel;
import io.crossdistill.models.NetworkConfig;
import io.crossdistill.models.Objective;
import io.crossdistill.models.TabularData;
import io.crossdistill.models.TrainingConfig;
import io.crossdistill.schemas.ContainerReader;
import io.crossdistill.schemas.TaskKind;
import io.crossdistill.schemas.metrics.Metrics;
import io.crossdistill.v1.DeadLetter;
import io.crossdistill.v1.Example;
import io.crossdistill.v1.HeadKind;
import io.crossdistill.v1.TeacherHead;
import io.crossdistill.v1.TeacherSignature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How useful a teacher is to the target domain: a small control student and a small distilled student
 * train on the target TRAIN split (target features only; the distilled one also fits the teacher's
 * outputs for every target task that shares a head's name and kind, through auxiliary heads), and the
 * lift is the distilled student's mean AUC over the binary target tasks on the target VALID split minus
 * the control's, each the mean of three students with the same seeds. The test split is never read. As in the demo, the teacher's outputs are first aligned
 * to the target tasks (Platt for binary tasks, a linear fit for regression tasks) on a 5% sample of the
 * training rows: raw logits of a teacher from another domain are on another scale, and fitting them as
 * they are drags the shared trunk away from the target tasks.
 */
public final class TargetUsefulness {

  private static final int STUDENT_EMBEDDING = 8;
  private static final List<Integer> STUDENT_WIDTHS = List.of(32);

  private final TabularData studentTrain;
  private final TabularData studentValid;
  private final TabularData teacherRows;
  private final NetworkConfig control;
  private final List<int[]> pairs;
  private final List<Integer> binaryTasks;
  private final TrainingConfig training;
  private final TeacherSignature teacher;
  private final double controlAuc;

  /** Students per score (control and distilled alike). */
  private static final int STUDENT_SEEDS = 3;

  /** Share of the training rows the alignment is fitted on, as in the demo. */
  private static final double FIT_FRACTION = 0.05;

  private TargetUsefulness(TabularData studentTrain, TabularData studentValid, TabularData teacherRows,
      NetworkConfig control, List<int[]> pairs, List<Integer> binaryTasks, TrainingConfig training,
      TeacherSignature teacher) {
    this.teacher = teacher;
    this.studentTrain = studentTrain;
    this.studentValid = studentValid;
    this.teacherRows = teacherRows;
    this.control = control;
    this.pairs = pairs;
    this.binaryTasks = binaryTasks;
    this.training = training;
    this.controlAuc = score(control, studentTrain);
  }

  /**
   * Maps the target splits and trains the control student once.
   *
   * @param teacher the teacher's (unsealed) signature; its id inputs' last id is their unknown id
   * @param teacherScaling the teacher's feature engineering
   * @throws IllegalArgumentException when no target task shares a head with the teacher
   */
  public static TargetUsefulness prepare(CrossDomainData data, TeacherSignature teacher, FeatureScaling teacherScaling,
      Set<String> sharedIds, Map<String, Map<String, Long>> idLookups, TrainingConfig studentTraining) {
    DomainSchema target = data.target();
    FeatureScaling targetScaling;
    try (ContainerReader<Example> in = data.open(Split.TARGET_TRAIN)) {
      targetScaling = FeatureScaling.fit(target, in);
    }
    TeacherSignature student = target.modelSignature("student");
    CompiledMapper own = FeatureMapping.compile(TeacherTraining.sourceMapping(student, target, targetScaling), student,
        Example.getClassSchema());
    FeatureMappingSpec toTeacher = DomainSignatures.targetMapping(teacher, target, teacherScaling, sharedIds, idLookups);
    CompiledMapper teacherMapper = FeatureMapping.compile(toTeacher, teacher, Example.getClassSchema());
    List<String> tasks = target.taskNames();
    MappedTable train = mapSplit(data, Split.TARGET_TRAIN, own, tasks);
    MappedTable valid = mapSplit(data, Split.TARGET_VALID, own, tasks);
    MappedTable teacherRows = mapSplit(data, Split.TARGET_TRAIN, teacherMapper, List.of());
    if (!train.rejected().isEmpty() || !teacherRows.rejected().isEmpty()) {
      DeadLetter first = (train.rejected().isEmpty() ? teacherRows : train).rejected().get(0);
      throw new IllegalArgumentException("target training examples rejected by the mappings ("
          + train.rejected().size() + " student, " + teacherRows.rejected().size() + " teacher); first: "
          + first.getRecordId() + " " + first.getErrors());
    }
    List<int[]> pairs = new ArrayList<>();
    List<Integer> binary = new ArrayList<>();
    List<TeacherHead> heads = teacher.getHeads();
    for (int t = 0; t < target.tasks().size(); t++) {
      TaskDef task = target.tasks().get(t);
      if (task.kind() == TaskKind.BINARY) {
        binary.add(t);
      }
      HeadKind kind = task.kind() == TaskKind.BINARY ? HeadKind.BINARY_LOGIT : HeadKind.REGRESSION;
      for (int h = 0; h < heads.size(); h++) {
        if (heads.get(h).getName().equals(task.name()) && heads.get(h).getKind() == kind) {
          pairs.add(new int[] {t, h});
        }
      }
    }
    if (pairs.isEmpty() || binary.isEmpty()) {
      throw new IllegalArgumentException("no binary target task of " + tasks + " to score, or none shares a head with"
          + " the teacher's " + heads.stream().map(TeacherHead::getName).toList());
    }
    NetworkConfig control = NetworkConfig.fromSignature(student, STUDENT_EMBEDDING, STUDENT_WIDTHS);
    return new TargetUsefulness(train.data(), valid.data(), teacherRows.data(), control, pairs, binary, studentTraining,
        teacher);
  }

  /** The mapped target rows in the teacher's layout, for the teacher to label. */
  public TabularData teacherRows() {
    return teacherRows;
  }

  /** Mean AUC of the control student on target VALID. */
  public double controlAuc() {
    return controlAuc;
  }

  /** Target tasks distilled from same-name teacher heads, by name. */
  public List<String> distilledTasks(List<String> taskNames) {
    return pairs.stream().map(p -> taskNames.get(p[0])).toList();
  }

  /**
   * Mean AUC on target VALID of a student distilled from {@code teacherOutputs} (the teacher's raw
   * outputs on {@link #teacherRows()}, rows × teacher heads).
   */
  public double distilledAuc(float[] teacherOutputs, int teacherHeads) {
    int tasks = control.headCount();
    List<HeadSpec> heads = new ArrayList<>(control.heads());
    for (int[] pair : pairs) {
      heads.add(HeadSpec.auxiliary("teacher_" + control.heads().get(pair[0]).name(), Objective.MSE, 1f, 1f));
    }
    NetworkConfig distilled = new NetworkConfig(control.idInputs(), control.numericWidth(), control.hiddenWidths(), heads);
    int width = heads.size();
    int rows = studentTrain.rows();
    float[] aligned = align(teacherOutputs, rows);
    float[] truth = studentTrain.targets();
    float[] targets = new float[rows * width];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(truth, r * tasks, targets, r * width, tasks);
      System.arraycopy(aligned, r * pairs.size(), targets, r * width + tasks, pairs.size());
    }
    return score(distilled, studentTrain.withTargets(width, targets));
  }

  /** The teacher's outputs of the paired heads, aligned to their target tasks on a small labelled sample. */
  private float[] align(float[] teacherOutputs, int rows) {
    List<TargetTask> tasks = new ArrayList<>();
    Map<String, float[]> sampleLabels = new HashMap<>();
    int[] sample = java.util.Arrays.copyOf(TabularData.permutation(rows, training.seed() * 31 + 7),
        Math.min(rows, Math.max(200, (int) Math.round(rows * FIT_FRACTION))));
    int heads = teacher.getHeads().size();
    float[] sampleOutputs = new float[sample.length * heads];
    for (int i = 0; i < sample.length; i++) {
      System.arraycopy(teacherOutputs, sample[i] * heads, sampleOutputs, i * heads, heads);
    }
    for (int[] pair : pairs) {
      String name = control.heads().get(pair[0]).name();
      boolean binary = binaryTasks.contains(pair[0]);
      tasks.add(TargetTask.of(name, binary ? TaskKind.BINARY
              : TaskKind.REGRESSION, true,
          new TaskSource.FromHead(teacher.getHeads().get(pair[1]).getName(),
              binary ? Transform.Platt.unfitted() : Transform.LinearFit.unfitted())));
      float[] y = new float[sample.length];
      for (int i = 0; i < sample.length; i++) {
        y[i] = studentTrain.target(sample[i], pair[0]);
      }
      sampleLabels.put(name, y);
    }
    TaskAlignmentSpec spec = new TaskAlignmentSpec("search-usefulness", 1, "same-name heads, calibrated", tasks);
    TaskAlignmentSpec fitted = TaskAligner.fit(spec, teacher, sampleOutputs, sample.length, sampleLabels).spec();
    return TaskAligner.compile(fitted, teacher).apply(teacherOutputs, rows);
  }

  private double score(NetworkConfig config, TabularData train) {
    // early-stopped on the VALID split's true labels (auxiliary columns empty there), as the demo's students
    int width = config.headCount();
    int tasks = studentValid.headCount();
    float[] truth = studentValid.targets();
    float[] validTargets = new float[studentValid.rows() * width];
    java.util.Arrays.fill(validTargets, Float.NaN);
    for (int r = 0; r < studentValid.rows(); r++) {
      System.arraycopy(truth, r * tasks, validTargets, r * width, tasks);
    }
    TabularData valid = studentValid.withTargets(width, validTargets);
    // one student's AUC on a small VALID split moves by a few points with its initialisation alone, so
    // control and distilled are both the mean of STUDENT_SEEDS students with the same seeds
    double total = 0;
    for (int k = 0; k < STUDENT_SEEDS; k++) {
      TrainingConfig seeded = TrainingConfig.builder().setSeed(training.seed() + k)
          .optLearningRate(training.learningRate()).optBatchSize(training.batchSize())
          .optMaxEpochs(training.maxEpochs()).optPatience(training.patience())
          .optWeightDecay(training.weightDecay()).build();
      try (MultiTaskModel model = MultiTaskModel.create(config, seeded.seed())) {
        ModelTrainer.train(model, train, valid, seeded);
        float[] predictions = model.predict(studentValid);
        double sum = 0;
        for (int task : binaryTasks) {
          sum += Metrics.auc(Metrics.column(predictions, config.headCount(), task), studentValid.targetColumn(task));
        }
        total += sum / binaryTasks.size();
      }
    }
    return total / STUDENT_SEEDS;
  }

  private static MappedTable mapSplit(CrossDomainData data, Split split, CompiledMapper mapper, List<String> tasks) {
    try (ContainerReader<Example> in = data.open(split)) {
      return MappedTable.map(mapper, in, tasks, n -> { });
    }
  }
}
