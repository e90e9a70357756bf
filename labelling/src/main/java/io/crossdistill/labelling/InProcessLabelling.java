package io.crossdistill.labelling;

import io.crossdistill.aligner.CompiledAlignment;
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
import io.crossdistill.schemas.ContentHash;
import io.crossdistill.v1.Example;
import io.crossdistill.v1.Provenance;
import io.crossdistill.v1.TeacherSignature;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Labelling in this process, with the libraries the service is made of: the compiled mapper, the
 * teacher artifact and the aligner, fitted on the same labelled sample the service would be sent.
 */
public final class InProcessLabelling implements Labelling {

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
    CompiledMapper mapper = FeatureMapping.compile(mapping, signature, Example.getClassSchema());
    MappedTable mappedTrain = mapSplit(mapper, data, Split.TARGET_TRAIN, tasks);
    MappedTable mappedReport = mapSplit(mapper, data, reportSplit, tasks);
    int heads = signature.getHeads().size();
    float[] teacherTrain = teacher.model().predict(mappedTrain.data());
    float[] teacherReport = teacher.model().predict(mappedReport.data());
    FittedAlignment fitted = fit(alignmentSpec, signature, mappedTrain, teacherTrain, heads, tasks, seed);
    log.accept("alignment fit (" + fitted.report().sampleSize() + " labelled rows, seed " + seed + "): "
        + describe(fitted.report()));
    CompiledAlignment alignment = TaskAligner.compile(fitted.spec(), signature);
    Provenance provenance = Provenance.newBuilder()
        .setTeacherId(signature.getTeacherId())
        .setTeacherHash(signature.getContentHash())
        .setMappingName(mapping.name())
        .setMappingVersion(mapping.version())
        .setAlignmentName(fitted.spec().name())
        .setAlignmentVersion(fitted.spec().version())
        .setHyperParameters(new TreeMap<>(Map.of("fitSampleFraction", Double.toString(fitFraction))))
        .setSeed(seed)
        .setInputDataHash(ContentHash.ofFile(data.path(Split.TARGET_TRAIN)))
        .setProducer("crossdistill demo")
        .build();
    TeacherLabels labels = TeacherLabels.write(labelDir, mappedTrain,
        alignment.apply(teacherTrain, mappedTrain.data().rows()), alignment, provenance);
    return new AlignedRun(labels, alignment.tasks(), alignment.apply(teacherReport, mappedReport.data().rows()),
        mappedReport.data().targets(), mappedReport.data().rows(), mapping.name() + "@" + mapping.version(),
        fitted.spec().name() + "@" + fitted.spec().version());
  }

  private static MappedTable mapSplit(CompiledMapper mapper, CrossDomainData data, Split split, List<String> tasks) {
    try (ContainerReader<Example> in = data.open(split)) {
      return MappedTable.map(mapper, in, tasks, n -> { });
    }
  }

  private FittedAlignment fit(TaskAlignmentSpec spec, TeacherSignature signature, MappedTable train,
      float[] teacherOutputs, int heads, List<String> tasks, long seed) {
    int[] picked = Labelling.fitSample(train.data().rows(), seed, fitFraction);
    int sample = picked.length;
    float[] outputs = new float[sample * heads];
    Map<String, float[]> labels = new HashMap<>();
    for (String task : tasks) {
      labels.put(task, new float[sample]);
    }
    for (int i = 0; i < sample; i++) {
      int row = picked[i];
      System.arraycopy(teacherOutputs, row * heads, outputs, i * heads, heads);
      for (int t = 0; t < tasks.size(); t++) {
        labels.get(tasks.get(t))[i] = train.data().target(row, t);
      }
    }
    return TaskAligner.fit(spec, signature, outputs, sample, labels);
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
