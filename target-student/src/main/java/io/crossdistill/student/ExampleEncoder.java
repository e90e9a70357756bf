package io.crossdistill.student;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Optional;
import java.util.function.BiFunction;

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

  /** The lookups appended after the float columns, in order. */
  List<FeatureLookup> lookups() {
    return lookups;
  }

  /**
   * This encoder as JSON (the {@code encoder} of a saved student): each float feature with its training
   * mean and standard deviation, each id feature with its cardinality and the ids training saw (as
   * ranges, {@code "0-17,19"}), the tasks, and each lookup's id feature and dimension; the lookup tables
   * themselves are written beside it ({@link FeatureLookup#writeCsv}).
   */
  ObjectNode toJson(ObjectMapper mapper) {
    ObjectNode root = mapper.createObjectNode();
    ArrayNode floatNodes = root.putArray("floats");
    for (int i = 0; i < floats.size(); i++) {
      ObjectNode f = floatNodes.addObject();
      f.put("name", floats.get(i).name());
      f.put("doc", floats.get(i).doc());
      // a float widened to double prints (and parses back) exactly
      f.put("mean", (double) mean[i]);
      f.put("std", (double) std[i]);
    }
    ArrayNode idNodes = root.putArray("ids");
    for (int i = 0; i < ids.size(); i++) {
      ObjectNode f = idNodes.addObject();
      f.put("name", ids.get(i).name());
      f.put("doc", ids.get(i).doc());
      f.put("cardinality", ids.get(i).cardinality());
      f.put("seen", JsonFields.ranges(seenIds[i]));
    }
    ArrayNode taskNodes = root.putArray("tasks");
    tasks.forEach(taskNodes::add);
    ArrayNode lookupNodes = root.putArray("lookups");
    for (FeatureLookup lookup : lookups) {
      lookupNodes.addObject().put("idFeature", lookup.idFeature()).put("dimension", lookup.dimension());
    }
    return root;
  }

  /**
   * The encoder {@link #toJson} wrote; every problem (with its path under {@code path}) is added to
   * {@code problems} and the result is empty when there is any. {@code lookups} reads the table of an
   * (id feature, dimension), adding its own problems.
   */
  static Optional<ExampleEncoder> fromJson(JsonNode node, String path,
      BiFunction<String, Integer, Optional<FeatureLookup>> lookups, List<String> problems) {
    int before = problems.size();
    List<FeatureDef> floats = new ArrayList<>();
    List<Float> means = new ArrayList<>();
    List<Float> stds = new ArrayList<>();
    List<JsonNode> floatNodes = JsonFields.array(node, "floats", path, problems);
    for (int i = 0; i < floatNodes.size(); i++) {
      String at = path + ".floats[" + i + "]";
      JsonNode f = floatNodes.get(i);
      Optional<String> name = JsonFields.text(f, "name", at, problems);
      Optional<Double> m = JsonFields.number(f, "mean", at, problems);
      Optional<Double> s = JsonFields.number(f, "std", at, problems);
      m.filter(v -> !Double.isFinite(v)).ifPresent(v -> problems.add(at + ".mean: " + v + " is not finite"));
      s.filter(v -> !(v > 0) || Double.isInfinite(v))
          .ifPresent(v -> problems.add(at + ".std: must be finite and > 0, got " + v));
      if (name.isPresent() && m.isPresent() && s.isPresent()) {
        floats.add(FeatureDef.floatFeature(name.get(), f.path("doc").asText("")));
        means.add(m.get().floatValue());
        stds.add(s.get().floatValue());
      }
    }
    List<FeatureDef> ids = new ArrayList<>();
    List<BitSet> seen = new ArrayList<>();
    List<JsonNode> idNodes = JsonFields.array(node, "ids", path, problems);
    for (int i = 0; i < idNodes.size(); i++) {
      String at = path + ".ids[" + i + "]";
      JsonNode f = idNodes.get(i);
      Optional<String> name = JsonFields.text(f, "name", at, problems);
      Optional<Integer> cardinality = JsonFields.integer(f, "cardinality", at, problems);
      Optional<String> ranges = JsonFields.text(f, "seen", at, problems);
      cardinality.filter(c -> c <= 0).ifPresent(c -> problems.add(at + ".cardinality: must be > 0, got " + c));
      if (name.isPresent() && cardinality.isPresent() && cardinality.get() > 0 && ranges.isPresent()) {
        ids.add(FeatureDef.idFeature(name.get(), cardinality.get(), f.path("doc").asText("")));
        seen.add(JsonFields.parseRanges(ranges.get(), cardinality.get(), at + ".seen", problems));
      }
    }
    List<String> tasks = new ArrayList<>();
    List<JsonNode> taskNodes = JsonFields.array(node, "tasks", path, problems);
    for (int i = 0; i < taskNodes.size(); i++) {
      if (taskNodes.get(i).isTextual()) {
        tasks.add(taskNodes.get(i).asText());
      } else {
        problems.add(path + ".tasks[" + i + "]: not a string");
      }
    }
    List<FeatureLookup> tables = new ArrayList<>();
    List<JsonNode> lookupNodes = JsonFields.array(node, "lookups", path, problems);
    for (int i = 0; i < lookupNodes.size(); i++) {
      String at = path + ".lookups[" + i + "]";
      Optional<String> idFeature = JsonFields.text(lookupNodes.get(i), "idFeature", at, problems);
      Optional<Integer> dimension = JsonFields.integer(lookupNodes.get(i), "dimension", at, problems);
      idFeature.filter(n -> ids.stream().noneMatch(f -> f.name().equals(n)))
          .ifPresent(n -> problems.add(at + ".idFeature: '" + n + "' is not one of the id features"));
      if (idFeature.isPresent() && dimension.isPresent()) {
        lookups.apply(idFeature.get(), dimension.get()).ifPresent(tables::add);
      }
    }
    if (problems.size() > before) {
      return Optional.empty();
    }
    float[] mean = new float[means.size()];
    float[] std = new float[stds.size()];
    for (int i = 0; i < mean.length; i++) {
      mean[i] = means.get(i);
      std[i] = stds.get(i);
    }
    return Optional.of(new ExampleEncoder(List.copyOf(floats), List.copyOf(ids), tasks, mean, std,
        seen.toArray(new BitSet[0]), tables));
  }
}
