package io.crossdistill.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.crossdistill.aligner.AlignedTask;
import io.crossdistill.aligner.AlignmentJson;
import io.crossdistill.aligner.TaskAligner;
import io.crossdistill.aligner.TaskAlignmentSpec;
import io.crossdistill.datasets.CrossDomainData;
import io.crossdistill.datasets.Split;
import io.crossdistill.labelling.AlignedRun;
import io.crossdistill.labelling.Labelling;
import io.crossdistill.labelling.StoredLabelSet;
import io.crossdistill.mapper.FeatureMappingSpec;
import io.crossdistill.mapper.MappingJson;
import io.crossdistill.schemas.ContainerReader;
import io.crossdistill.v1.AlignedLabel;
import io.crossdistill.v1.Example;
import io.crossdistill.v1.TaskLabel;
import io.crossdistill.v1.TeacherSignature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Labelling through the teacher service, as an app team does it: register the target schema, the
 * mapping and the alignment, fit the alignment on a small labelled sample, then ask for aligned labels
 * of the training split (written to the run's label store, refused records to its dead letters) and of
 * the report split.
 */
final class ServiceLabelling implements Labelling {

  private static final int BATCH = 1024;

  private final TeacherServiceClient client;
  private final TeacherSignature signature;
  private final Consumer<String> log;
  private final Path inputs;
  private final Path labelStore;
  private boolean schemaRegistered;

  /**
   * @param inputs the service's backfill data root (the split files lie under it)
   * @param labelStore the service's label store root
   */
  ServiceLabelling(TeacherServiceClient client, TeacherSignature signature, Path inputs, Path labelStore,
      Consumer<String> log) {
    this.client = client;
    this.inputs = inputs.toAbsolutePath().normalize();
    this.labelStore = labelStore;
    this.signature = signature;
    this.log = log;
  }

  @Override
  public AlignedRun label(FeatureMappingSpec mapping, TaskAlignmentSpec alignment, CrossDomainData data,
      Split reportSplit, List<String> tasks, long seed, Path labelDir) {
    if (!schemaRegistered) {
      client.registerSchema(Example.getClassSchema());
      schemaRegistered = true;
    }
    // the service pins a mapping with an empty content hash to the teacher it validates against
    String mappingRef = client.registerMapping(MappingJson.write(mapping));
    String registered = client.registerAlignment(AlignmentJson.write(alignment));
    int version = Integer.parseInt(registered.substring(registered.indexOf('@') + 1));

    List<Example> train = read(data, Split.TARGET_TRAIN);
    List<Example> sample = new ArrayList<>();
    for (int row : Labelling.fitSample(train.size(), seed)) {
      sample.add(train.get(row));
    }
    JsonNode fitted = client.fit(alignment.name(), version, mappingRef, sample);
    String alignmentRef = fitted.path("name").asText() + "@" + fitted.path("version").asInt();
    log.accept("alignment fit by the service (" + sample.size() + " labelled rows, seed " + seed + ") -> "
        + alignmentRef + describe(fitted.path("report").path("tasks")));
    TaskAlignmentSpec fittedSpec = AlignmentJson.read(fitted.path("body"));
    List<AlignedTask> columns = TaskAligner.compile(fittedSpec, signature).tasks();

    StoredLabelSet labels = labelTrain(data, mappingRef, alignmentRef);
    List<Example> report = read(data, reportSplit);
    Map<String, Example> byId = new HashMap<>();
    report.forEach(e -> byId.put(e.getId(), e));
    List<AlignedLabel> reportLabels = new ArrayList<>();
    for (int from = 0; from < report.size(); from += BATCH) {
      reportLabels.addAll(client.labels(mappingRef, alignmentRef,
          report.subList(from, Math.min(report.size(), from + BATCH))).labels());
    }
    int width = columns.size();
    float[] aligned = new float[reportLabels.size() * width];
    float[] truth = new float[reportLabels.size() * tasks.size()];
    for (int r = 0; r < reportLabels.size(); r++) {
      AlignedLabel label = reportLabels.get(r);
      List<TaskLabel> values = label.getLabels();
      for (int c = 0; c < width; c++) {
        aligned[r * width + c] = values.get(c).getValue();
      }
      Map<String, Float> y = byId.get(label.getExampleId()).getLabels();
      for (int t = 0; t < tasks.size(); t++) {
        Float v = y.get(tasks.get(t));
        truth[r * tasks.size() + t] = v == null ? Float.NaN : v;
      }
    }
    return new AlignedRun(labels, columns, aligned, truth, reportLabels.size(), mappingRef, alignmentRef);
  }

  private static String describe(JsonNode fits) {
    StringBuilder s = new StringBuilder();
    for (JsonNode fit : fits) {
      if (fit.path("fitted").asBoolean()) {
        s.append(Labelling.describeFit(fit.path("task").asText(), number(fit, "aucBefore"), number(fit, "aucAfter"),
            number(fit, "eceBefore"), number(fit, "eceAfter"), number(fit, "r2Before"), number(fit, "r2After")));
      }
    }
    return s.toString();
  }

  private static java.util.OptionalDouble number(JsonNode node, String field) {
    return node.path(field).isNumber() ? java.util.OptionalDouble.of(node.path(field).asDouble())
        : java.util.OptionalDouble.empty();
  }

  /**
   * Labels the training split with a backfill job of the service (its input file lies under the service's
   * backfill data root) and opens the label set it made in the service's label store.
   */
  private StoredLabelSet labelTrain(CrossDomainData data, String mappingRef, String alignmentRef) {
    JsonNode job = client.backfill(signature.getTeacherId(), mappingRef, alignmentRef, inputs.relativize(
        data.path(Split.TARGET_TRAIN).toAbsolutePath().normalize()).toString());
    log.accept("backfill " + job.path("id").asText() + " submitted: " + job.path("state").asText());
    JsonNode done = client.awaitBackfill(job.path("id").asText(), status -> log.accept("backfill: " + status));
    if (!"SUCCEEDED".equals(done.path("state").asText())) {
      throw new IllegalStateException("backfill " + done.path("id").asText() + " ended " + done.path("state").asText()
          + ": " + done.path("error").asText());
    }
    return StoredLabelSet.open(labelStore.resolve(done.path("labelSet").asText()));
  }

  private static List<Example> read(CrossDomainData data, Split split) {
    List<Example> examples = new ArrayList<>();
    try (ContainerReader<Example> in = data.open(split)) {
      in.forEach(examples::add);
    }
    return examples;
  }

}
