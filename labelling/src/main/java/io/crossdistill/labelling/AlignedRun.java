package io.crossdistill.labelling;

import io.crossdistill.aligner.AlignedTask;
import java.util.List;

/**
 * What labelling one run produced, however it was done (in process or through the teacher service):
 * the label store of the training split, the aligned columns, and the aligned teacher labels of the
 * report split with those rows' true labels, for the teacher's zero-shot scores.
 *
 * @param labels the label set of the training split (a label store's set, read through {@link LabelSetReader})
 * @param columns the aligned columns, in column order
 * @param reportLabels aligned teacher labels of the report split, {@code reportRows × columns}, row-major
 * @param reportTruth true labels of the same rows, {@code reportRows × tasks}, row-major (NaN: none)
 * @param reportRows rows of the report split that were labelled
 * @param mappingRef the mapping version that made the labels, {@code name@version}
 * @param alignmentRef the fitted alignment version that made them, {@code name@version}
 */
public record AlignedRun(StoredLabelSet labels, List<AlignedTask> columns, float[] reportLabels, float[] reportTruth,
    int reportRows, String mappingRef, String alignmentRef) {
}
