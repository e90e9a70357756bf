package io.crossdistill.datasets;

/**
 * Receives progress while a data set's split files are written, so that a command line can draw a
 * progress bar; the library itself never prints. Called from the writing thread, every few thousand
 * rows and once when a split is complete.
 */
@FunctionalInterface
public interface ProgressListener {

  /**
   * Reports progress of one split.
   *
   * @param split the split being written
   * @param rowsWritten rows of that split written so far
   * @param expectedRows rows the split will have when complete
   */
  void onProgress(Split split, long rowsWritten, long expectedRows);

  /** A listener that ignores everything. */
  static ProgressListener none() {
    return (split, rowsWritten, expectedRows) -> { };
  }
}
