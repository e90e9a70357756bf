package io.crossdistill.student;

import java.util.List;

/**
 * The size of a student network: the embedding dimension of its id features and the widths of its
 * MLP trunk. Students are meant to be 50–300x smaller than their teacher.
 */
public record StudentSize(int embeddingDim, List<Integer> hiddenWidths) {

  public StudentSize {
    if (embeddingDim <= 0) {
      throw new IllegalArgumentException("embeddingDim must be positive, got " + embeddingDim);
    }
    hiddenWidths = List.copyOf(hiddenWidths);
  }
}
