package io.crossdistill.student.internal.compare;

import io.crossdistill.aligner.AlignedTask;
import io.crossdistill.datasets.CrossDomainData;
import io.crossdistill.datasets.DomainSchema;
import io.crossdistill.datasets.Split;
import io.crossdistill.datasets.TaskDef;
import io.crossdistill.labelling.AlignedRun;
import io.crossdistill.schemas.ContainerReader;
import io.crossdistill.student.EncodedExamples;
import io.crossdistill.student.ExampleEncoder;
import io.crossdistill.student.ScoredSplit;
import io.crossdistill.student.ScoredTask;
import io.crossdistill.v1.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything the students of one (fraction, seed) train and are scored on: the encoded splits, the
 * aligned teacher labels of every training row (one teacher, a committee's mean, adapted), the user
 * lookup, and the teacher's own zero-shot scores on the test split.
 *
 * @param data the split files
 * @param encoded the three splits, encoded with the encoder fitted on the training split
 * @param columns the aligned teacher columns
 * @param teacherLabels the single teacher's aligned labels, {@code train rows × columns}
 * @param committeeLabels the committee's mean labels, if a committee was labelled
 * @param adaptedLabels the adapted labels, if the adapter was fitted
 * @param withUsers the three splits encoded with the teacher's user representations as extra inputs, if
 *     a variant reads them
 * @param teacherTest the teacher's zero-shot scores on the test split
 * @param labelProvenance the provenance the single teacher's labels carry (teacher, mapping and fitted
 *     alignment versions, as labelling stamped them)
 */
public record PreparedRun(CrossDomainData data, EncodedSplits encoded, List<AlignedTask> columns,
    float[] teacherLabels, Optional<float[]> committeeLabels, Optional<float[]> adaptedLabels,
    Optional<EncodedSplits> withUsers, ScoredSplit teacherTest,
    io.crossdistill.v1.Provenance labelProvenance) {

  /**
   * The three target splits encoded with one encoder, encoded once per run and shared by every variant
   * that reads the same inputs.
   */
  public record EncodedSplits(ExampleEncoder encoder, EncodedExamples train, EncodedExamples valid, EncodedExamples test) {

    /** Encodes the training, validation and test splits of {@code data} with {@code encoder}. */
    static EncodedSplits of(ExampleEncoder encoder, CrossDomainData data) {
      return new EncodedSplits(encoder, encode(encoder, data, Split.TARGET_TRAIN),
          encode(encoder, data, Split.TARGET_VALID), encode(encoder, data, Split.TARGET_TEST));
    }

    private static EncodedExamples encode(ExampleEncoder encoder, CrossDomainData data, Split split) {
      try (ContainerReader<Example> in = data.open(split)) {
        return encoder.encode(in);
      }
    }
  }

  /** The provenance the labels of one labelling run carry. */
  static io.crossdistill.v1.Provenance labelProvenance(AlignedRun run) {
    return run.labels().provenance()
        .orElseThrow(() -> new IllegalStateException("the label set in " + run.labels().dir() + " holds no labels"));
  }

  /** The training labels of one labelling run, joined to the training rows. */
  static float[] trainLabels(AlignedRun run, List<String> exampleIds) {
    return run.labels().joinTo(exampleIds);
  }

  /**
   * The teacher's zero-shot scores of the report (test) split: one scored task per serving target task
   * that an aligned column predicts.
   *
   * @throws IllegalStateException when the mapper refused test rows (the scores would not line up)
   */
  static ScoredSplit teacherScores(AlignedRun run, DomainSchema target, List<String> testIds) {
    if (run.reportRows() != testIds.size()) {
      throw new IllegalStateException("the teacher labelled " + run.reportRows() + " of " + testIds.size()
          + " test rows; see the dead letters");
    }
    List<String> tasks = target.taskNames();
    int width = run.columns().size();
    List<ScoredTask> scored = new ArrayList<>();
    for (AlignedTask column : run.columns()) {
      Optional<TaskDef> task = target.task(column.name());
      if (!column.serving() || task.isEmpty()) {
        continue;
      }
      int t = tasks.indexOf(column.name());
      float[] outputs = new float[testIds.size()];
      float[] labels = new float[testIds.size()];
      for (int r = 0; r < testIds.size(); r++) {
        outputs[r] = run.reportLabels()[r * width + column.column()];
        labels[r] = run.reportTruth()[r * tasks.size() + t];
      }
      scored.add(new ScoredTask(task.get(), outputs, labels));
    }
    return new ScoredSplit(testIds, scored);
  }

  /** The element-wise mean of several label arrays of the same shape (NaN where any is NaN). */
  static float[] mean(List<float[]> labelSets) {
    float[] out = new float[labelSets.get(0).length];
    for (float[] labels : labelSets) {
      for (int i = 0; i < out.length; i++) {
        out[i] += labels[i] / labelSets.size();
      }
    }
    return out;
  }
}
