package io.crossdistill.datasets;

/**
 * The five files of a {@link CrossDomainData}: the source domain's training and validation data (for
 * the teacher) and the target domain's training, validation and test data (for the students).
 */
public enum Split {
  /** Source rows the teacher trains on. */
  SOURCE_TRAIN("source-train", true),
  /** Source rows for the teacher's early stopping. */
  SOURCE_VALID("source-valid", true),
  /** Target rows the students train on. */
  TARGET_TRAIN("target-train", false),
  /** Target rows for choosing hyper-parameters. */
  TARGET_VALID("target-valid", false),
  /** Target rows for reporting results; never tune on them. */
  TARGET_TEST("target-test", false);

  private final String key;
  private final boolean source;

  Split(String key, boolean source) {
    this.key = key;
    this.source = source;
  }

  /** Stable lower-case name, used as a key in {@link CrossDomainData#counts()} and in file names. */
  public String key() {
    return key;
  }

  /** Whether the split belongs to the source domain. */
  public boolean isSource() {
    return source;
  }

  /** File name of the split inside a data set's output directory. */
  public String fileName() {
    return key + ".avro";
  }
}
