package io.crossdistill.teacher.backfill;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

/** Avro container files of a music team's listen records, the input of the backfill tests. */
public final class ListenFiles {

  private ListenFiles() {
  }

  /**
   * Writes {@code records} records of {@code schema} (fields {@code id}, {@code listen_minutes}, {@code genre});
   * every {@code refuseEvery}-th has NaN minutes, which the tests' mappings refuse.
   */
  public static void write(Path file, Schema schema, int records, int refuseEvery) throws IOException {
    String[] genres = {"rock", "pop", "jazz"};
    try (DataFileWriter<GenericRecord> out = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema))) {
      out.create(schema, file.toFile());
      for (int i = 0; i < records; i++) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("id", file.getFileName() + "-" + i);
        record.put("listen_minutes", i % refuseEvery == refuseEvery - 1 ? Double.NaN : 0.25 * (i % 17));
        record.put("genre", genres[i % genres.length]);
        out.append(record);
      }
    }
  }
}
