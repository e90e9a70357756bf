package io.crossdistill.labelling;

import io.crossdistill.aligner.AlignedTask;
import java.nio.file.Path;
import java.util.List;

/**
 * Label sets stored as one Avro container file of {@code AlignedLabel} records (each with its
 * provenance), as {@link TeacherLabels#write} and the demo's service labelling write them.
 */
public final class AvroLabelFiles {

  private AvroLabelFiles() {
  }

  /**
   * A reader of {@code labelsFile}. A record stores each column's task name, label space and serving flag
   * but not how it is distilled, so the caller passes the {@code columns} of the alignment that made the
   * labels; the reader checks the file against them.
   */
  public static LabelSetReader reader(Path labelsFile, List<AlignedTask> columns) {
    return new AvroLabelFileReader(labelsFile, columns);
  }
}
