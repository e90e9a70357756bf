package io.crossdistill.models.internal;

import io.crossdistill.models.ArtifactIntegrityException;
import io.crossdistill.models.HeadSpec;
import io.crossdistill.models.IdInput;
import io.crossdistill.models.ModelException;
import io.crossdistill.models.NetworkConfig;
import io.crossdistill.models.Objective;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * {@link NetworkConfig} as {@code network.json}: Avro JSON of the {@code NetworkConfigFile} schema
 * bundled with this module, with a format version so later layouts can be told apart.
 */
public final class NetworkConfigCodec {

  /** The current format version of saved models. */
  public static final int FORMAT_VERSION = 1;

  private static final Schema SCHEMA = loadSchema();

  private NetworkConfigCodec() {
  }

  /** Writes the config to a file. */
  public static void write(Path file, NetworkConfig config) throws ModelException {
    Schema idSchema = SCHEMA.getField("idInputs").schema().getElementType();
    Schema headSchema = SCHEMA.getField("heads").schema().getElementType();
    Schema objectiveSchema = headSchema.getField("objective").schema();
    List<GenericRecord> ids = new ArrayList<>();
    for (IdInput id : config.idInputs()) {
      GenericRecord entry = new GenericData.Record(idSchema);
      entry.put("name", id.name());
      entry.put("cardinality", id.cardinality());
      entry.put("embeddingDim", id.embeddingDim());
      ids.add(entry);
    }
    List<GenericRecord> heads = new ArrayList<>();
    for (HeadSpec head : config.heads()) {
      GenericRecord entry = new GenericData.Record(headSchema);
      entry.put("name", head.name());
      entry.put("objective", new GenericData.EnumSymbol(objectiveSchema, head.objective().name()));
      entry.put("weight", head.weight());
      entry.put("serving", head.serving());
      entry.put("temperature", head.temperature());
      heads.add(entry);
    }
    GenericRecord record = new GenericData.Record(SCHEMA);
    record.put("formatVersion", FORMAT_VERSION);
    record.put("idInputs", ids);
    record.put("numericWidth", config.numericWidth());
    record.put("hiddenWidths", config.hiddenWidths());
    record.put("heads", heads);
    AvroJson.writeGeneric(file, SCHEMA, record);
  }

  /** Reads and validates a config file. */
  public static NetworkConfig read(Path file) throws ModelException {
    GenericRecord record = AvroJson.readGeneric(file, SCHEMA);
    int version = (Integer) record.get("formatVersion");
    if (version != FORMAT_VERSION) {
      throw new ArtifactIntegrityException(file + ": unsupported model format version " + version
          + " (this build reads version " + FORMAT_VERSION + ")");
    }
    try {
      return toConfig(record);
    } catch (IllegalArgumentException e) {
      throw new ArtifactIntegrityException(file + ": " + e.getMessage(), e);
    }
  }

  private static NetworkConfig toConfig(GenericRecord record) {
    List<IdInput> ids = new ArrayList<>();
    for (Object o : (List<?>) record.get("idInputs")) {
      GenericRecord entry = (GenericRecord) o;
      ids.add(new IdInput(entry.get("name").toString(), (Integer) entry.get("cardinality"), (Integer) entry.get("embeddingDim")));
    }
    List<Integer> hidden = new ArrayList<>();
    for (Object o : (List<?>) record.get("hiddenWidths")) {
      hidden.add((Integer) o);
    }
    List<HeadSpec> heads = new ArrayList<>();
    for (Object o : (List<?>) record.get("heads")) {
      GenericRecord entry = (GenericRecord) o;
      heads.add(new HeadSpec(entry.get("name").toString(), Objective.valueOf(entry.get("objective").toString()),
          (Float) entry.get("weight"), (Boolean) entry.get("serving"), (Float) entry.get("temperature")));
    }
    return new NetworkConfig(ids, (Integer) record.get("numericWidth"), hidden, heads);
  }

  private static Schema loadSchema() {
    try (InputStream in = NetworkConfigCodec.class.getResourceAsStream("NetworkConfigFile.avsc")) {
      if (in == null) {
        throw new IllegalStateException("NetworkConfigFile.avsc is missing from the models jar");
      }
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read NetworkConfigFile.avsc", e);
    }
  }
}
