package io.crossdistill.labelling;

import io.crossdistill.aligner.TaskAlignmentSpec;
import io.crossdistill.datasets.CrossDomainData;
import io.crossdistill.datasets.Split;
import io.crossdistill.mapper.FeatureMappingSpec;
import io.crossdistill.models.TabularData;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * How one run's target examples get their aligned teacher labels: through the teacher service, or in
 * process ({@link InProcessLabelling}). Both fit the alignment on the same labelled sample of the
 * training rows ({@link #fitSample}), so that either way gives the same labels.
 */
public interface Labelling {

  /** Share of the target training rows the app team labels by hand to fit the alignment. */
  double FIT_SAMPLE_FRACTION = 0.05;

  /** Fewest rows of a fit sample. */
  int MIN_FIT_SAMPLE = 200;

  /**
   * Fits {@code alignment} on a sample of the training split, labels the training split into the label
   * store under {@code labelDir} and labels the report split.
   */
  AlignedRun label(FeatureMappingSpec mapping, TaskAlignmentSpec alignment, CrossDomainData data, Split reportSplit,
      List<String> tasks, long seed, Path labelDir);

  /** Row indices of the fit sample among {@code rows} training rows, for a seed (the same for both kinds). */
  static int[] fitSample(int rows, long seed) {
    return fitSample(rows, seed, FIT_SAMPLE_FRACTION);
  }

  /** Row indices of a fit sample of {@code fraction} of the training rows (at least {@link #MIN_FIT_SAMPLE}). */
  static int[] fitSample(int rows, long seed, double fraction) {
    int n = Math.min(rows, Math.max(MIN_FIT_SAMPLE, (int) Math.round(rows * fraction)));
    return Arrays.copyOf(TabularData.permutation(rows, seed * 31 + 7), n);
  }

  /** One line of a fit report. */
  static String describeFit(String task, OptionalDouble aucBefore, OptionalDouble aucAfter, OptionalDouble eceBefore,
      OptionalDouble eceAfter, OptionalDouble r2Before, OptionalDouble r2After) {
    if (aucBefore.isPresent()) {
      return String.format(Locale.ROOT, "%n  %s: AUC %.3f -> %.3f, ECE %.3f -> %.3f", task, aucBefore.getAsDouble(),
          aucAfter.orElse(Double.NaN), eceBefore.orElse(Double.NaN), eceAfter.orElse(Double.NaN));
    }
    return String.format(Locale.ROOT, "%n  %s: R² %.3f -> %.3f", task, r2Before.orElse(Double.NaN),
        r2After.orElse(Double.NaN));
  }
}
