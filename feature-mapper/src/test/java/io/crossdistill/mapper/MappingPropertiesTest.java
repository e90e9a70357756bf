package io.crossdistill.mapper;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossdistill.schemas.TeacherInputBatch;
import io.crossdistill.schemas.ValidationResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Properties over random schemas, signatures and valid specs: each test checks its property for a few
 * hundred seeds, and a failure names the seed that reproduces it ({@code new RandomSpecs(seed)}).
 */
class MappingPropertiesTest {

  private static void forSeeds(int tries, long base, LongConsumer property) {
    Random seeds = new Random(base);
    for (int i = 0; i < tries; i++) {
      long seed = seeds.nextLong();
      try {
        property.accept(seed);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("property fails for seed " + seed + "L", e);
      }
    }
  }

  @Test
  void randomValidSpec_validatesWithoutErrors() {
    forSeeds(300, 1, seed -> {
      RandomSpecs.World world = new RandomSpecs(seed).world();

      ValidationResult result = FeatureMapping.validate(world.spec(), world.signature(), world.schema());

      assertThat(result.errors()).as(MappingJson.write(world.spec())).isEmpty();
    });
  }

  @Test
  void randomValidSpec_mapsDeterministically_evenAfterAvroRoundTripOfRecords() {
    forSeeds(150, 2, MappingPropertiesTest::mapsDeterministically);
  }

  private static void mapsDeterministically(long seed) {
    RandomSpecs generator = new RandomSpecs(seed);
    RandomSpecs.World world = generator.world();
    List<GenericRecord> records = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      records.add(generator.record(world, i));
    }

    Output first = mapAll(FeatureMapping.compile(world.spec(), world.signature(), world.schema()), records);
    Output second = mapAll(FeatureMapping.compile(world.spec(), world.signature(), world.schema()), records);
    Output decoded = mapAll(FeatureMapping.compile(world.spec(), world.signature(), world.schema()),
        avroRoundTrip(world.schema(), records));

    assertThat(second).isEqualTo(first);
    assertThat(decoded).as("records decoded by Avro carry Utf8 strings and keys").isEqualTo(first);
    assertThat(first.accepted().size() + first.rejected().size()).isEqualTo(records.size());
  }

  @Test
  void jsonRoundTrip_specToJsonToSpec_isLossless() {
    forSeeds(300, 3, seed -> {
      FeatureMappingSpec spec = new RandomSpecs(seed).world().spec();

      String json = MappingJson.write(spec);
      FeatureMappingSpec read = MappingJson.read(json);

      assertThat(read).isEqualTo(spec);
      assertThat(MappingJson.write(read)).isEqualTo(json);
    });
  }

  @Test
  void avroRoundTrip_specToBytesToSpec_isLossless() {
    forSeeds(300, 4, seed -> {
      FeatureMappingSpec spec = new RandomSpecs(seed).world().spec();

      assertThat(MappingAvro.fromBytes(MappingAvro.toBytes(spec))).isEqualTo(spec);
    });
  }

  /** Everything a mapping run produced, compared by value. */
  record Output(List<String> accepted, List<String> rejected, List<Float> numeric, List<Long> ids,
      List<String> strings) {
  }

  private static Output mapAll(CompiledMapper mapper, List<GenericRecord> records) {
    TeacherInputBatch batch = mapper.newBatch(records.size());
    List<String> accepted = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    for (GenericRecord r : records) {
      if (mapper.map(r, batch, bad -> rejected.add(bad.recordId() + " " + bad.describe()))) {
        accepted.add(r.get("id").toString());
      }
    }
    int rows = batch.size();
    List<Float> numeric = new ArrayList<>();
    for (int i = 0; i < rows * batch.layout().numericWidth(); i++) {
      numeric.add(batch.numeric()[i]);
    }
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < rows * batch.layout().idCount(); i++) {
      ids.add(batch.ids()[i]);
    }
    List<String> strings = new ArrayList<>(java.util.Arrays.asList(batch.strings()).subList(0, rows * batch.layout().stringCount()));
    return new Output(accepted, rejected, numeric, ids, strings);
  }

  private static List<GenericRecord> avroRoundTrip(Schema schema, List<GenericRecord> records) {
    try {
      return decode(schema, records);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<GenericRecord> decode(Schema schema, List<GenericRecord> records) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(schema);
    for (GenericRecord r : records) {
      writer.write(r, encoder);
    }
    encoder.flush();
    var decoder = DecoderFactory.get().binaryDecoder(out.toByteArray(), null);
    GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(schema);
    List<GenericRecord> decoded = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      decoded.add(reader.read(null, decoder));
    }
    return decoded;
  }
}
