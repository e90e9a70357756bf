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
import io.crossdistill.labelling.MappedTable;
import io.crossdistill.labelling.TeacherLabels;
import io.crossdistill.mapper.FeatureMappingSpec;
import io.crossdistill.mapper.MappingJson;
import io.crossdistill.schemas.AvroContainers;
import io.crossdistill.schemas.ContainerReader;
import io.crossdistill.schemas.ContainerWriter;
import io.crossdistill.v1.AlignedLabel;
import io.crossdistill.v1.DeadLetter;
import io.crossdistill.v1.Example;
import io.crossdistill.v1.TaskLabel;
import io.crossdistill.v1.TeacherSignature;
import java.nio.ByteBuffer;
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
  private boolean schemaRegistered;

  ServiceLabelling(TeacherServiceClient client, TeacherSignature signature, Consumer<String> log) {
    this.client = client;
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

    TeacherLabels labels = labelTrain(train, mappingRef, alignmentRef, labelDir);
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

  private TeacherLabels labelTrain(List<Example> train, String mappingRef, String alignmentRef, Path dir) {
    Path labelFile = dir.resolve("labels.avro");
    Path deadFile = dir.resolve("dead-letters.avro");
    long written = 0;
    long rejected = 0;
    try (ContainerWriter<AlignedLabel> out = AvroContainers.writer(labelFile, AlignedLabel.getClassSchema(),
        labelFile.toString());
        ContainerWriter<DeadLetter> dead = AvroContainers.writer(deadFile, DeadLetter.getClassSchema(),
            deadFile.toString())) {
      for (int from = 0; from < train.size(); from += BATCH) {
        List<Example> batch = train.subList(from, Math.min(train.size(), from + BATCH));
        TeacherServiceClient.Labels answer = client.labels(mappingRef, alignmentRef, batch);
        answer.labels().forEach(out::append);
        written += answer.labels().size();
        for (TeacherServiceClient.Refusal refusal : answer.refused()) {
          Example example = batch.get(refusal.index());
          dead.append(DeadLetter.newBuilder().setRecordId(example.getId()).setStage("service")
              .setErrors(refusal.errors()).setPayload(ByteBuffer.wrap(MappedTable.avroBytes(example))).build());
          rejected++;
        }
      }
    }
    return new TeacherLabels(labelFile, deadFile, written, rejected);
  }

  private static List<Example> read(CrossDomainData data, Split split) {
    List<Example> examples = new ArrayList<>();
    try (ContainerReader<Example> in = data.open(split)) {
      in.forEach(examples::add);
    }
    return examples;
  }

}
