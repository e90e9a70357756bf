package io.crossdistill.labelling;

import io.crossdistill.aligner.FitReport;
import io.crossdistill.aligner.FittedAlignment;
import io.crossdistill.aligner.TaskAligner;
import io.crossdistill.aligner.TaskAlignmentSpec;
import io.crossdistill.datasets.CrossDomainData;
import io.crossdistill.datasets.Split;
import io.crossdistill.mapper.CompiledMapper;
import io.crossdistill.mapper.FeatureMapping;
import io.crossdistill.mapper.FeatureMappingSpec;
import io.crossdistill.models.TeacherArtifact;
import io.crossdistill.schemas.ContainerReader;
import io.crossdistill.v1.AlignedLabel;
import io.crossdistill.v1.DeadLetter;
import io.crossdistill.v1.Example;
import io.crossdistill.v1.TaskLabel;
import io.crossdistill.v1.TeacherSignature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Labelling in this process, with the libraries the service is made of: the alignment is fitted on the
 * same labelled sample the service would be sent, the training split is labelled by a {@link Backfill}
 * into a label store under the run's label directory, and the report split through the same
 * {@link LabelPath}.
 */
public final class InProcessLabelling implements Labelling {

  /** Producer named in the provenance of labels made in process. */
  public static final String PRODUCER = "crossdistill labelling (in process)";

  private final TeacherArtifact teacher;
  private final Consumer<String> log;
  private final double fitFraction;

  /** Labels with {@code teacher} (opened by the caller, who closes it), reporting the fit to {@code log}. */
  public InProcessLabelling(TeacherArtifact teacher, Consumer<String> log) {
    this(teacher, Labelling.FIT_SAMPLE_FRACTION, log);
  }

  /**
   * Labelling whose alignment is fitted on {@code fitFraction} of the training rows (1 = all of them:
   * the alignment then adapts the teacher's labels to everything the target knows, as a student
   * adapter does).
   */
  public InProcessLabelling(TeacherArtifact teacher, double fitFraction, Consumer<String> log) {
    if (!(fitFraction > 0 && fitFraction <= 1)) {
      throw new IllegalArgumentException("fitFraction must be in (0, 1], got " + fitFraction);
    }
    this.fitFraction = fitFraction;
    this.teacher = teacher;
    this.log = log;
  }

  @Override
  public AlignedRun label(FeatureMappingSpec mapping, TaskAlignmentSpec alignmentSpec, CrossDomainData data,
      Split reportSplit, List<String> tasks, long seed, Path labelDir) {
    TeacherSignature signature = teacher.signature();
    FittedAlignment fitted = fit(mapping, alignmentSpec, signature, data, tasks, seed);
    log.accept("alignment fit (" + fitted.report().sampleSize() + " labelled rows, seed " + seed + "): "
        + describe(fitted.report()));
    LabelPath path = LabelPath.compile(mapping, Example.getClassSchema(), fitted.spec(), signature);
    RunStamp run = new RunStamp(Map.of("fitSampleFraction", Double.toString(fitFraction)), seed, "", PRODUCER);
    TeacherForward forward = TeacherForward.of(teacher);
    Backfill.Outcome outcome;
    try (RecordSource train = RecordSources.avroFiles(data.path(Split.TARGET_TRAIN), "the target training split",
        Example.getClassSchema())) {
      outcome = Backfill.run(new LabelStore(labelDir), path, train, forward, run, Backfill.Options.defaults(),
          new Backfill.Listener() { }, () -> false);
    }
    ReportLabels report = labelReport(path, forward, run, data, reportSplit, tasks);
    return new AlignedRun(outcome.set(), path.columns(), report.aligned(), report.truth(), report.rows(),
        path.mappingRef(), path.alignmentRef());
  }

  /** Aligned labels of the report split with those rows' true labels, through the same path. */
  private record ReportLabels(float[] aligned, float[] truth, int rows) {
  }

  private static ReportLabels labelReport(LabelPath path, TeacherForward teacher, RunStamp run, CrossDomainData data,
      Split split, List<String> tasks) {
    List<Example> examples = new ArrayList<>();
    try (ContainerReader<Example> in = data.open(split)) {
      in.forEach(examples::add);
    }
    int width = path.columns().size();
    List<float[]> aligned = new ArrayList<>();
    List<Example> labelled = new ArrayList<>();
    path.labeller(Backfill.DEFAULT_BATCH_ROWS).label(examples, teacher, run, new LabelSink() {
      @Override
      public void accept(int index, AlignedLabel label) {
        float[] values = new float[width];
        List<TaskLabel> stored = label.getLabels();
        for (int c = 0; c < width; c++) {
          values[c] = stored.get(c).getValue();
        }
        aligned.add(values);
        labelled.add(examples.get(index));
      }

      @Override
      public void reject(int index, DeadLetter deadLetter) {
        // the report split scores the rows the teacher could label; refusals are counted by the caller
      }
    });
    int rows = aligned.size();
    float[] out = new float[rows * width];
    float[] truth = new float[rows * tasks.size()];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(aligned.get(r), 0, out, r * width, width);
      Map<String, Float> y = labelled.get(r).getLabels();
      for (int t = 0; t < tasks.size(); t++) {
        Float v = y.get(tasks.get(t));
        truth[r * tasks.size() + t] = v == null ? Float.NaN : v;
      }
    }
    return new ReportLabels(out, truth, rows);
  }

  /** Fits the alignment on the fit sample of the training split ({@link Labelling#fitSample}). */
  private FittedAlignment fit(FeatureMappingSpec mapping, TaskAlignmentSpec spec, TeacherSignature signature,
      CrossDomainData data, List<String> tasks, long seed) {
    int rows = Math.toIntExact(data.count(Split.TARGET_TRAIN));
    int[] picked = Labelling.fitSample(rows, seed, fitFraction);
    Map<Integer, Integer> position = new HashMap<>(picked.length * 2);
    for (int i = 0; i < picked.length; i++) {
      position.put(picked[i], i);
    }
    Example[] sample = new Example[picked.length];
    try (ContainerReader<Example> in = data.open(Split.TARGET_TRAIN)) {
      int row = 0;
      for (Example e : in) {
        Integer at = position.get(row++);
        if (at != null) {
          sample[at] = e;
        }
      }
    }
    CompiledMapper mapper = FeatureMapping.compile(mapping, signature, Example.getClassSchema());
    MappedTable mapped = MappedTable.map(mapper, List.of(sample), tasks, n -> { });
    int n = mapped.data().rows();
    float[] outputs = teacher.model().predict(mapped.data());
    Map<String, float[]> labels = new HashMap<>();
    for (int t = 0; t < tasks.size(); t++) {
      float[] column = new float[n];
      for (int r = 0; r < n; r++) {
        column[r] = mapped.data().target(r, t);
      }
      labels.put(tasks.get(t), column);
    }
    return TaskAligner.fit(spec, signature, outputs, n, labels);
  }

  private static String describe(FitReport report) {
    StringBuilder s = new StringBuilder();
    for (FitReport.TaskFit fit : report.tasks()) {
      if (fit.fitted()) {
        s.append(Labelling.describeFit(fit.task(), fit.aucBefore(), fit.aucAfter(), fit.eceBefore(), fit.eceAfter(),
            fit.r2Before(), fit.r2After()));
      }
    }
    return s.toString();
  }
}
