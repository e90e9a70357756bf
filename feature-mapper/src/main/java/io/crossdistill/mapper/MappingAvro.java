package io.crossdistill.mapper;

import io.crossdistill.mapper.internal.SpecAvroConverter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * The stored form of a {@link FeatureMappingSpec}: the Avro record {@code io.crossdistill.v1.FeatureMappingSpec}
 * (for registries and label provenance), and its single-record binary encoding. Lossless both ways.
 */
public final class MappingAvro {

  private MappingAvro() {
  }

  public static io.crossdistill.v1.FeatureMappingSpec toAvro(FeatureMappingSpec spec) {
    return SpecAvroConverter.toAvro(spec);
  }

  public static FeatureMappingSpec fromAvro(io.crossdistill.v1.FeatureMappingSpec record) {
    return SpecAvroConverter.fromAvro(record);
  }

  /** Avro binary encoding of the spec (no container header). */
  public static byte[] toBytes(FeatureMappingSpec spec) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    try {
      new SpecificDatumWriter<>(io.crossdistill.v1.FeatureMappingSpec.class).write(toAvro(spec), encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory encoding failed", e);
    }
    return out.toByteArray();
  }

  /** Decodes {@link #toBytes}. */
  public static FeatureMappingSpec fromBytes(byte[] bytes) {
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
    try {
      return fromAvro(new SpecificDatumReader<>(io.crossdistill.v1.FeatureMappingSpec.class).read(null, decoder));
    } catch (IOException e) {
      throw new UncheckedIOException("not an encoded feature mapping spec", e);
    }
  }
}
