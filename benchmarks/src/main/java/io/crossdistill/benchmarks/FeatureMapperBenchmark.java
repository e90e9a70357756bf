package io.crossdistill.benchmarks;

import io.crossdistill.mapper.BadRecordSink;
import io.crossdistill.mapper.CompiledMapper;
import io.crossdistill.mapper.FeatureMapping;
import io.crossdistill.mapper.FeatureMappingSpec;
import io.crossdistill.mapper.Rule;
import io.crossdistill.mapper.Transform;
import io.crossdistill.schemas.TeacherInputBatch;
import io.crossdistill.v1.InputType;
import io.crossdistill.v1.TeacherInput;
import io.crossdistill.v1.TeacherSignature;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Feature mapper hot path: a 30-input spec (10 numeric inputs through transforms, 10 ids through
 * vocabulary or hashing, 10 defaulted) over a flat target record; one operation maps one record into a
 * reused batch of 256 rows. Goal: at least 2M records/s on one core, at most 100 B allocated per record.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar FeatureMapper -prof gc -f 1 -wi 3 -i 5 -t 1</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FeatureMapperBenchmark {

  private static final int RECORDS = 1024;
  private static final String[] GENRES = {"rock", "pop", "jazz", "hiphop", "classical", "folk", "metal", "soul"};

  private CompiledMapper mapper;
  private TeacherInputBatch batch;
  private GenericRecord[] records;
  private int next;
  private long rejected;
  private final BadRecordSink sink = bad -> rejected++;

  @Setup
  public void setUp() {
    SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("FlatMusic").namespace("bench").fields()
        .requiredString("id");
    for (int i = 0; i < 10; i++) {
      fields = fields.requiredFloat("f" + i);
    }
    for (int i = 0; i < 5; i++) {
      fields = fields.requiredLong("l" + i);
    }
    for (int i = 0; i < 5; i++) {
      fields = fields.requiredString("s" + i);
    }
    Schema schema = fields.endRecord();

    List<TeacherInput> inputs = new ArrayList<>();
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      inputs.add(TeacherInput.newBuilder().setName("num" + i).setType(InputType.FLOAT).setDefaultValue(0f).build());
      rules.add(switch (i % 3) {
        case 0 -> Rule.from("num" + i, "/f" + i, new Transform.Log1p(), new Transform.Standardize(3.0, 1.5));
        case 1 -> Rule.from("num" + i, "/f" + i, new Transform.Clip(0, 50), new Transform.Standardize(25, 10));
        default -> Rule.from("num" + i, "/f" + i, new Transform.Standardize(10, 5), new Transform.Clip(-3, 3));
      });
    }
    for (int i = 0; i < 5; i++) {
      inputs.add(TeacherInput.newBuilder().setName("hashed" + i).setType(InputType.ID).setCardinality(100_000)
          .setDefaultValue(0L).build());
      rules.add(Rule.from("hashed" + i, "/l" + i, new Transform.Hash(100_000)));
    }
    for (int i = 0; i < 5; i++) {
      inputs.add(TeacherInput.newBuilder().setName("vocab" + i).setType(InputType.ID).setCardinality(16)
          .setDefaultValue(0L).build());
      rules.add(Rule.from("vocab" + i, "/s" + i, new Transform.Vocabulary(List.of(GENRES), 15)));
    }
    for (int i = 0; i < 10; i++) {
      boolean id = i % 2 == 0;
      inputs.add(TeacherInput.newBuilder().setName("source_only" + i).setType(id ? InputType.ID : InputType.FLOAT)
          .setCardinality(id ? 10 : 0).setDefaultValue(id ? (Object) 1L : (Object) 0.5f).build());
      rules.add(Rule.defaulted("source_only" + i));
    }
    TeacherSignature signature = TeacherSignature.newBuilder().setTeacherId("bench-teacher").setInputs(inputs)
        .setHeads(List.of()).build();
    FeatureMappingSpec spec = new FeatureMappingSpec("bench", 1, "bench.FlatMusic",
        new FeatureMappingSpec.TeacherRef("bench-teacher", ""), "/id", rules);
    mapper = FeatureMapping.compile(spec, signature, schema);
    batch = mapper.newBatch(256);

    Random random = new Random(7);
    records = new GenericRecord[RECORDS];
    for (int r = 0; r < RECORDS; r++) {
      GenericRecord record = new GenericData.Record(schema);
      record.put("id", "rec-" + r);
      for (int i = 0; i < 10; i++) {
        record.put("f" + i, random.nextFloat() * 40f);
      }
      for (int i = 0; i < 5; i++) {
        record.put("l" + i, random.nextLong());
      }
      for (int i = 0; i < 5; i++) {
        record.put("s" + i, random.nextInt(10) == 0 ? "unknown-genre" : GENRES[random.nextInt(GENRES.length)]);
      }
      records[r] = record;
    }
  }

  /** Maps one record (ops/s = records/s). */
  @Benchmark
  public int mapOneRecord() {
    if (batch.isFull()) {
      batch.clear();
    }
    mapper.map(records[next++ & (RECORDS - 1)], batch, sink);
    return batch.size();
  }
}
