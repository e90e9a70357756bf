package io.crossdistill.labelling;

import io.crossdistill.aligner.AlignedTask;
import io.crossdistill.v1.Provenance;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Reads one label set — the aligned teacher labels of a run's target examples — whatever stores it:
 * rows keyed by example id, the aligned columns those rows hold, and the provenance of the labels.
 * Students read their teacher labels through it, so the file layout can change behind it.
 * {@link StoredLabelSet} reads the sets of a {@link LabelStore}.
 */
public interface LabelSetReader {

  /** The aligned columns, in the order of each row's values. */
  List<AlignedTask> columns();

  /** The provenance the set's labels carry; empty for a set without labels. */
  Optional<Provenance> provenance();

  /**
   * Streams every label of the set once, in stored order, as its example id and its values in
   * {@link #columns()} order. The values array is reused between rows: copy what you keep.
   *
   * @throws IllegalStateException when a stored label does not fit the columns
   */
  void forEachRow(BiConsumer<String, float[]> row);

  /**
   * The set's labels joined to rows by example id: {@code exampleIds.size() × columns}, row-major, NaN
   * for a row the set holds no label for.
   *
   * @throws IllegalStateException when the set holds a label for an example that is not among the rows
   */
  default float[] joinTo(List<String> exampleIds) {
    Map<String, Integer> rowOf = new HashMap<>(exampleIds.size() * 2);
    for (int i = 0; i < exampleIds.size(); i++) {
      rowOf.put(exampleIds.get(i), i);
    }
    int width = columns().size();
    float[] out = new float[exampleIds.size() * width];
    Arrays.fill(out, Float.NaN);
    forEachRow((id, values) -> {
      Integer row = rowOf.get(id);
      if (row == null) {
        throw new IllegalStateException("the label set holds a label for example " + id
            + ", which is not among the examples it is joined to");
      }
      System.arraycopy(values, 0, out, row * width, width);
    });
    return out;
  }
}
