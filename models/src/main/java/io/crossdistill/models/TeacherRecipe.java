package io.crossdistill.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One member of the reference teacher family: an embedding of {@code embeddingDim} per id input, an MLP
 * trunk of {@code hiddenWidths} ReLU layers, one head per source task, trained with {@code training}
 * while {@code idDropout} of the ids are replaced by the input's "unknown" id (its last id, which is also
 * its default), so that a defaulted input means "an average one" to the teacher.
 *
 * @param embeddingDim width of every id embedding
 * @param hiddenWidths trunk widths, input to output (its length is the depth)
 * @param training optimizer, epochs, early stopping, seed (its listener is ignored; pass one to
 *     {@link ReferenceTeacher#train})
 * @param idDropout share of ids replaced by the unknown id during training, in [0, 1)
 */
public record TeacherRecipe(int embeddingDim, List<Integer> hiddenWidths, TrainingConfig training, float idDropout) {

  /** The id dropout the demo and {@code teacher train} use. */
  public static final float DEFAULT_ID_DROPOUT = 0.05f;

  /** Copies the widths and validates every field, listing all problems at once. */
  public TeacherRecipe {
    hiddenWidths = List.copyOf(Objects.requireNonNull(hiddenWidths, "hiddenWidths"));
    Objects.requireNonNull(training, "training");
    List<String> problems = new ArrayList<>();
    if (embeddingDim <= 0) {
      problems.add("embeddingDim must be positive, got " + embeddingDim);
    }
    for (int i = 0; i < hiddenWidths.size(); i++) {
      if (hiddenWidths.get(i) <= 0) {
        problems.add("hiddenWidths[" + i + "] must be positive, got " + hiddenWidths.get(i));
      }
    }
    if (!(idDropout >= 0 && idDropout < 1)) {
      problems.add("idDropout must be in [0, 1), got " + idDropout);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid teacher recipe: " + String.join("; ", problems));
    }
  }

  /** A recipe with the default id dropout. */
  public static TeacherRecipe of(int embeddingDim, List<Integer> hiddenWidths, TrainingConfig training) {
    return new TeacherRecipe(embeddingDim, hiddenWidths, training, DEFAULT_ID_DROPOUT);
  }

  /** The training hyper-parameters plus the family's, for {@code Provenance.hyperParameters}. */
  public Map<String, String> hyperParameters() {
    Map<String, String> hp = new TreeMap<>(training.hyperParameters());
    hp.put("embeddingDim", Integer.toString(embeddingDim));
    hp.put("hiddenWidths", hiddenWidths.toString());
    hp.put("idDropout", Float.toString(idDropout));
    return hp;
  }
}
