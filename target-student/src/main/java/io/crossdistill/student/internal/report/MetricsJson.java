package io.crossdistill.student.internal.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crossdistill.models.EpochLoss;
import io.crossdistill.student.Comparison;
import io.crossdistill.student.ComparisonResult;
import io.crossdistill.student.ModelRun;
import io.crossdistill.student.TaskMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code metrics.json}: {@code {"title", "data", "runs": [...], "comparisons": [...], "coverage": [...],
 * "notes": [...]}}, NaN and absent numbers written as null so that any JSON reader accepts the file.
 */
final class MetricsJson {

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private MetricsJson() {
  }

  static void write(ComparisonResult result, Path file) throws IOException {
    MAPPER.writeValue(file.toFile(), tree(result));
  }

  static ObjectNode tree(ComparisonResult result) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("title", result.title());
    root.put("data", result.dataDescription());
    ArrayNode runs = root.putArray("runs");
    for (ModelRun run : result.runs()) {
      runs.add(run(run));
    }
    ArrayNode comparisons = root.putArray("comparisons");
    for (Comparison c : result.comparisons()) {
      comparisons.add(comparison(c));
    }
    strings(root.putArray("coverage"), result.coverage());
    strings(root.putArray("notes"), result.notes());
    return root;
  }

  private static ObjectNode run(ModelRun run) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("variant", run.variant());
    node.put("fraction", run.fraction());
    node.put("seed", run.seed());
    node.put("split", run.split());
    ObjectNode metrics = node.putObject("metrics");
    for (Map.Entry<String, TaskMetrics> task : run.metrics().entrySet()) {
      ObjectNode values = metrics.putObject(task.getKey());
      task.getValue().values().forEach((name, value) -> number(values, name, value));
    }
    if (run.parameters().isPresent()) {
      node.put("parameters", run.parameters().getAsLong());
    } else {
      node.putNull("parameters");
    }
    ObjectNode provenance = node.putObject("provenance");
    run.provenance().forEach(provenance::put);
    ArrayNode curve = node.putArray("learningCurve");
    for (EpochLoss epoch : run.learningCurve()) {
      ObjectNode e = curve.addObject();
      e.put("epoch", epoch.epoch());
      e.put("steps", epoch.steps());
      number(e, "trainLoss", epoch.trainLoss());
      number(e, "validationLoss", epoch.validationLoss());
    }
    return node;
  }

  private static ObjectNode comparison(Comparison c) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("variant", c.variant());
    node.put("baseline", c.baseline());
    node.put("fraction", c.fraction());
    node.put("task", c.task());
    node.put("metric", c.metric());
    number(node, "meanDifference", c.meanDifference());
    number(node, "std", c.std());
    ArrayNode seeds = node.putArray("seeds");
    c.seeds().forEach(seeds::add);
    number(node, "pValue", c.pValue().orElse(Double.NaN));
    number(node, "ciLow", c.ciLow());
    number(node, "ciHigh", c.ciHigh());
    node.put("significant", c.significant());
    node.put("verdict", c.verdict());
    return node;
  }

  private static void number(ObjectNode node, String name, double value) {
    if (Double.isFinite(value)) {
      node.put(name, value);
    } else {
      node.putNull(name);
    }
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
