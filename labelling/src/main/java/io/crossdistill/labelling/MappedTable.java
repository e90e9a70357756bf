package io.crossdistill.labelling;

import io.crossdistill.mapper.BadRecord;
import io.crossdistill.v1.DeadLetter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import io.crossdistill.mapper.CompiledMapper;
import io.crossdistill.models.TabularData;
import io.crossdistill.schemas.TeacherInputBatch;
import io.crossdistill.models.Growable;
import io.crossdistill.v1.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Examples mapped into the teacher's input space (rows in the teacher layout), streamed through a
 * compiled mapper in batches, with the examples' labels for a list of tasks as targets. Rejected
 * records become dead letters with their reasons and their original bytes, so
 * {@code input = rows + rejected} and nothing is lost.
 *
 * @param data the mapped rows in the teacher's input layout, with the examples' labels as targets
 * @param exampleIds the ids of the mapped examples, in row order
 * @param rejected dead letters of the records the mapper refused, in input order
 */
public record MappedTable(TabularData data, List<String> exampleIds, List<DeadLetter> rejected) {

  private static final int BATCH = 1024;

  /**
   * Maps {@code examples} through {@code mapper}, keeping their labels for {@code tasks} (NaN where an
   * example has none) as targets; {@code progress} is told how many records each finished batch held.
   */
  public static MappedTable map(CompiledMapper mapper, Iterable<Example> examples, List<String> tasks,
      Consumer<Integer> progress) {
    TeacherInputBatch batch = mapper.newBatch(BATCH);
    int width = batch.layout().numericWidth();
    int idCount = batch.layout().idCount();
    Growable.Floats numeric = new Growable.Floats(1 << 16);
    Growable.Longs ids = new Growable.Longs(1 << 16);
    Growable.Floats targets = new Growable.Floats(1 << 16);
    List<String> exampleIds = new ArrayList<>();
    List<DeadLetter> rejected = new ArrayList<>();
    List<BadRecord> problems = new ArrayList<>();
    for (Example e : examples) {
      if (!mapper.map(e, batch, problems::add)) {
        rejected.add(deadLetter(e, problems));
        problems.clear();
      } else {
        exampleIds.add(e.getId());
        Map<String, Float> labels = e.getLabels();
        for (String task : tasks) {
          Float y = labels.get(task);
          targets.add(y == null ? Float.NaN : y);
        }
      }
      if (batch.isFull()) {
        drain(batch, width, idCount, numeric, ids);
        progress.accept(BATCH);
      }
    }
    int last = batch.size();
    drain(batch, width, idCount, numeric, ids);
    progress.accept(last);
    TabularData data = new TabularData(exampleIds.size(), width, numeric.toArray(), idCount, ids.toArray(),
        tasks.size(), targets.toArray());
    return new MappedTable(data, List.copyOf(exampleIds), List.copyOf(rejected));
  }

  private static DeadLetter deadLetter(Example example, List<BadRecord> problems) {
    return DeadLetter.newBuilder()
        .setRecordId(example.getId())
        .setStage("map")
        .setErrors(problems.stream().map(BadRecord::describe).toList())
        .setPayload(ByteBuffer.wrap(avroBytes(example)))
        .build();
  }

  /** The example's Avro binary encoding, kept in dead letters so that nothing is lost. */
  public static byte[] avroBytes(Example example) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    try {
      new SpecificDatumWriter<>(Example.class).write(example, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void drain(TeacherInputBatch batch, int width, int idCount, Growable.Floats numeric,
      Growable.Longs ids) {
    numeric.addAll(batch.numeric(), 0, batch.size() * width);
    ids.addAll(batch.ids(), 0, batch.size() * idCount);
    batch.clear();
  }
}
