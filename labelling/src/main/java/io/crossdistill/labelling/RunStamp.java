package io.crossdistill.labelling;

import io.crossdistill.v1.Provenance;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run's own part of a label's provenance: what made this run of the label path (hyper-parameters,
 * seed, the content hash of its input, the producer). The teacher, the mapping and the alignment stamp
 * their parts themselves ({@link LabelPath#stamp}).
 *
 * @param hyperParameters the run's settings, as strings (sorted)
 * @param seed the run's seed (0 for a run without randomness)
 * @param inputDataHash content hash of the run's input (a request's records, a backfill's files or topic range)
 * @param producer tool and version, e.g. {@code crossdistill-teacher 0.1.0}
 */
public record RunStamp(Map<String, String> hyperParameters, long seed, String inputDataHash, String producer) {

  public RunStamp {
    hyperParameters = Map.copyOf(hyperParameters);
  }

  /** The same run with another input hash (each REST request hashes its own records). */
  public RunStamp withInput(String hash) {
    return new RunStamp(hyperParameters, seed, hash, producer);
  }

  /** The run part as a provenance, teacher, mapping and alignment empty. */
  Provenance toProvenance() {
    return Provenance.newBuilder()
        .setHyperParameters(new TreeMap<>(hyperParameters))
        .setSeed(seed)
        .setInputDataHash(inputDataHash)
        .setProducer(producer)
        .build();
  }
}
