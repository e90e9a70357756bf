package io.crossdistill.student;

import io.crossdistill.datasets.DomainSchema;
import io.crossdistill.datasets.FeatureDef;
import io.crossdistill.datasets.FeatureKind;
import io.crossdistill.models.IdInput;
import io.crossdistill.models.TabularData;
import io.crossdistill.models.Growable;
import io.crossdistill.v1.Example;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.SplittableRandom;
import java.util.List;
import java.util.Map;

/**
 * Turns a domain's examples into the dense tables a student trains on: every FLOAT feature of the
 * {@link DomainSchema} standardised with the mean and standard deviation of the training examples,
 * every ID feature as is, and one target column per task. A missing float takes the training mean; a
 * missing or out-of-range id, or one the training examples never had, takes the reserved "unknown" id
 * {@code cardinality} (so embedding tables have {@code cardinality + 1} rows): an embedding that training
 * never touched would feed random noise into predictions. {@link #withIdDropout} teaches the unknown id.
 */
public final class ExampleEncoder {

  private final List<FeatureDef> floats;
  private final List<FeatureDef> ids;
  private final List<String> tasks;
  private final float[] mean;
  private final float[] std;
  private final BitSet[] seenIds;
  private final List<FeatureLookup> lookups;

  private ExampleEncoder(List<FeatureDef> floats, List<FeatureDef> ids, List<String> tasks, float[] mean, float[] std,
      BitSet[] seenIds, List<FeatureLookup> lookups) {
    this.seenIds = seenIds;
    this.lookups = List.copyOf(lookups);
    this.floats = floats;
    this.ids = ids;
    this.tasks = List.copyOf(tasks);
    this.mean = mean;
    this.std = std;
  }

  /** Fits the standardisation on {@code train} (streamed once). */
  public static ExampleEncoder fit(DomainSchema schema, List<String> tasks, Iterable<Example> train) {
    List<FeatureDef> floats = new ArrayList<>();
    List<FeatureDef> ids = new ArrayList<>();
    for (FeatureDef f : schema.features()) {
      (f.kind() == FeatureKind.ID ? ids : floats).add(f);
    }
    for (String task : tasks) {
      if (schema.task(task).isEmpty()) {
        throw new IllegalArgumentException("task " + task + " is not a task of domain " + schema.domain()
            + " (tasks: " + schema.taskNames() + ")");
      }
    }
    double[] sum = new double[floats.size()];
    double[] sumSq = new double[floats.size()];
    long[] count = new long[floats.size()];
    BitSet[] seen = new BitSet[ids.size()];
    for (int i = 0; i < seen.length; i++) {
      seen[i] = new BitSet(ids.get(i).cardinality());
    }
    for (Example e : train) {
      for (int i = 0; i < ids.size(); i++) {
        Long v = e.getIdFeatures().get(ids.get(i).name());
        if (v != null && v >= 0 && v < ids.get(i).cardinality()) {
          seen[i].set(v.intValue());
        }
      }
      Map<String, Float> values = e.getFloatFeatures();
      for (int i = 0; i < floats.size(); i++) {
        Float v = values.get(floats.get(i).name());
        if (v != null && Float.isFinite(v)) {
          sum[i] += v;
          sumSq[i] += (double) v * v;
          count[i]++;
        }
      }
    }
    float[] mean = new float[floats.size()];
    float[] std = new float[floats.size()];
    for (int i = 0; i < floats.size(); i++) {
      double m = count[i] == 0 ? 0 : sum[i] / count[i];
      double var = count[i] == 0 ? 1 : Math.max(0, sumSq[i] / count[i] - m * m);
      mean[i] = (float) m;
      std[i] = (float) (var > 1e-12 ? Math.sqrt(var) : 1.0);
    }
    return new ExampleEncoder(List.copyOf(floats), List.copyOf(ids), tasks, mean, std, seen, List.of());
  }

  /**
   * This encoder with one more input: the vector {@code lookup} holds for each example's raw id (its
   * default for ids it does not hold), appended after the other numeric columns.
   */
  public ExampleEncoder withLookup(FeatureLookup lookup) {
    if (ids.stream().noneMatch(f -> f.name().equals(lookup.idFeature()))) {
      throw new IllegalArgumentException("lookup keyed by '" + lookup.idFeature() + "', which is not an id feature ("
          + ids.stream().map(FeatureDef::name).toList() + ")");
    }
    List<FeatureLookup> more = new ArrayList<>(lookups);
    more.add(lookup);
    return new ExampleEncoder(floats, ids, tasks, mean, std, seenIds, more);
  }

  /** Encodes examples (streamed once) into a table with one target column per task. */
  public EncodedExamples encode(Iterable<Example> examples) {
    int width = numericWidth();
    Growable.Floats numeric = new Growable.Floats(1 << 16);
    Growable.Longs idValues = new Growable.Longs(1 << 16);
    Growable.Floats targets = new Growable.Floats(1 << 16);
    List<String> exampleIds = new ArrayList<>();
    for (Example e : examples) {
      Map<String, Float> values = e.getFloatFeatures();
      for (int i = 0; i < floats.size(); i++) {
        Float v = values.get(floats.get(i).name());
        numeric.add(v == null || !Float.isFinite(v) ? 0f : (v - mean[i]) / std[i]);
      }
      Map<String, Long> idMap = e.getIdFeatures();
      for (FeatureLookup lookup : lookups) {
        for (float x : lookup.vector(idMap.get(lookup.idFeature()))) {
          numeric.add(x);
        }
      }
      for (int i = 0; i < ids.size(); i++) {
        FeatureDef f = ids.get(i);
        Long v = idMap.get(f.name());
        boolean known = v != null && v >= 0 && v < f.cardinality() && seenIds[i].get(v.intValue());
        idValues.add(known ? v : f.cardinality());
      }
      Map<String, Float> labels = e.getLabels();
      for (String task : tasks) {
        Float y = labels.get(task);
        targets.add(y == null ? Float.NaN : y);
      }
      exampleIds.add(e.getId());
    }
    int rows = exampleIds.size();
    TabularData data = new TabularData(rows, width, numeric.toArray(), ids.size(), idValues.toArray(), tasks.size(),
        targets.toArray());
    return new EncodedExamples(data, exampleIds, tasks);
  }

  /**
   * A copy of {@code data} (encoded by this encoder) in which each id is replaced by the unknown id with
   * probability {@code rate}, so that the unknown id's embedding learns "an average one".
   */
  public TabularData withIdDropout(TabularData data, double rate, long seed) {
    long[] values = data.ids();
    int idCount = ids.size();
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < values.length; i++) {
      if (random.nextDouble() < rate) {
        values[i] = ids.get(i % idCount).cardinality();
      }
    }
    return new TabularData(data.rows(), data.numericWidth(), data.numeric(), idCount, values, data.headCount(),
        data.targets());
  }

  /** Embedding inputs for the id features (one extra row for the reserved unknown id). */
  public List<IdInput> idInputs(int embeddingDim) {
    return ids.stream().map(f -> new IdInput(f.name(), f.cardinality() + 1, embeddingDim)).toList();
  }

  /** Number of numeric columns. */
  public int numericWidth() {
    return floats.size() + lookups.stream().mapToInt(FeatureLookup::dimension).sum();
  }

  /** The tasks, one target column each. */
  public List<String> tasks() {
    return tasks;
  }
}
