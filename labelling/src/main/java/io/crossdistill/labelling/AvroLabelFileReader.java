package io.crossdistill.labelling;

import io.crossdistill.aligner.AlignedTask;
import io.crossdistill.schemas.AvroContainers;
import io.crossdistill.schemas.ContainerReader;
import io.crossdistill.v1.AlignedLabel;
import io.crossdistill.v1.Provenance;
import io.crossdistill.v1.TaskLabel;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/** {@link LabelSetReader} of one Avro file of {@code AlignedLabel} records; see {@link AvroLabelFiles}. */
final class AvroLabelFileReader implements LabelSetReader {

  private final Path file;
  private final List<AlignedTask> columns;

  AvroLabelFileReader(Path file, List<AlignedTask> columns) {
    this.file = file;
    this.columns = List.copyOf(columns);
  }

  @Override
  public List<AlignedTask> columns() {
    return columns;
  }

  @Override
  public Optional<Provenance> provenance() {
    try (ContainerReader<AlignedLabel> in = AvroContainers.reader(file, AlignedLabel.class)) {
      Iterator<AlignedLabel> first = in.iterator();
      return first.hasNext() ? Optional.of(first.next().getProvenance()) : Optional.empty();
    }
  }

  @Override
  public void forEachRow(BiConsumer<String, float[]> row) {
    int width = columns.size();
    float[] values = new float[width];
    boolean checked = false;
    try (ContainerReader<AlignedLabel> in = AvroContainers.reader(file, AlignedLabel.class)) {
      for (AlignedLabel label : in) {
        List<TaskLabel> stored = label.getLabels();
        if (stored.size() != width) {
          throw new IllegalStateException("label of example " + label.getExampleId() + " in " + file + " has "
              + stored.size() + " columns, expected " + width);
        }
        if (!checked) {
          checkColumns(label);
          checked = true;
        }
        for (int c = 0; c < width; c++) {
          values[c] = stored.get(c).getValue();
        }
        row.accept(label.getExampleId(), values);
      }
    }
  }

  /** The stored task names, spaces and serving flags are those of the columns, in column order. */
  private void checkColumns(AlignedLabel label) {
    List<TaskLabel> stored = label.getLabels();
    for (int c = 0; c < columns.size(); c++) {
      AlignedTask column = columns.get(c);
      TaskLabel value = stored.get(c);
      if (!column.name().equals(value.getTask()) || column.space() != value.getSpace()
          || column.serving() != value.getServing()) {
        throw new IllegalStateException("column " + c + " of the labels in " + file + " is " + value.getTask() + " ("
            + value.getSpace() + ", serving " + value.getServing() + "), expected " + column.name() + " ("
            + column.space() + ", serving " + column.serving() + ")");
      }
    }
  }
}
