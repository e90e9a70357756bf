package io.crossdistill.labelling;

import io.crossdistill.aligner.CompiledAlignment;
import io.crossdistill.schemas.AvroContainers;
import io.crossdistill.schemas.ContainerWriter;
import io.crossdistill.v1.AlignedLabel;
import io.crossdistill.v1.DeadLetter;
import io.crossdistill.v1.Provenance;
import java.nio.file.Path;
import java.util.List;

/**
 * The label store of one run: aligned teacher labels of the target training examples written as an
 * Avro container file with provenance on every record, and the rejected records as dead letters
 * beside it ({@code input = labels + dead letters}).
 *
 * @param labels the label file
 * @param deadLetters the dead-letter file
 * @param written labels written
 * @param rejected dead letters written
 */
public record TeacherLabels(Path labels, Path deadLetters, long written, long rejected) {

  /**
   * Writes the aligned labels of {@code mapped}'s rows ({@code aligned}: {@code rows × columns}, row-major,
   * as {@link CompiledAlignment#apply} returns them) to {@code dir/labels.avro}, each stamped with
   * {@code provenance}, and its rejected records to {@code dir/dead-letters.avro}.
   */
  public static TeacherLabels write(Path dir, MappedTable mapped, float[] aligned, CompiledAlignment alignment,
      Provenance provenance) {
    Path labelFile = dir.resolve("labels.avro");
    Path deadFile = dir.resolve("dead-letters.avro");
    long written;
    try (ContainerWriter<AlignedLabel> out = AvroContainers.writer(labelFile, AlignedLabel.getClassSchema(),
        labelFile.toString())) {
      List<String> ids = mapped.exampleIds();
      for (int row = 0; row < ids.size(); row++) {
        out.append(alignment.toRecord(ids.get(row), aligned, row, provenance));
      }
      written = out.count();
    }
    try (ContainerWriter<DeadLetter> out = AvroContainers.writer(deadFile, DeadLetter.getClassSchema(),
        deadFile.toString())) {
      mapped.rejected().forEach(out::append);
    }
    return new TeacherLabels(labelFile, deadFile, written, mapped.rejected().size());
  }
}
