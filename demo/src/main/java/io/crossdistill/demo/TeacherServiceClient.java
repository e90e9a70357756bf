package io.crossdistill.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crossdistill.v1.AlignedLabel;
import io.crossdistill.v1.Example;
import io.crossdistill.v1.LabelSpace;
import io.crossdistill.v1.Provenance;
import io.crossdistill.v1.TaskLabel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * What an app team does over the teacher service's REST API, as the demo does it: register its target
 * schema, mapping and alignment, fit the alignment on a labelled sample, and ask for aligned labels in
 * batches. Every non-2xx answer becomes an exception carrying the service's problem document.
 */
final class TeacherServiceClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI api;
  private final String apiKey;

  TeacherServiceClient(URI base, String apiKey) {
    this.api = base.resolve("/api/v1/");
    this.apiKey = apiKey;
  }

  /** Registers an Avro record schema; returns its version. */
  int registerSchema(Schema schema) {
    return post("schemas", schema.toString()).path("version").asInt();
  }

  /** Registers a mapping spec (JSON); returns its {@code name@version} reference. */
  String registerMapping(String specJson) {
    return ref(post("mappings", specJson));
  }

  /** Registers an alignment spec (JSON); returns its {@code name@version} reference. */
  String registerAlignment(String specJson) {
    return ref(post("alignments", specJson));
  }

  /** Fits an alignment version on labelled examples; returns the fitted version's answer (ref and report). */
  JsonNode fit(String alignmentName, int version, String mappingRef, List<Example> sample) {
    ObjectNode body = JSON.createObjectNode();
    body.put("version", version);
    body.put("mapping", mappingRef);
    ArrayNode items = body.putArray("sample");
    for (Example e : sample) {
      ObjectNode item = items.addObject();
      item.set("record", toJson(e));
      ObjectNode labels = item.putObject("labels");
      e.getLabels().forEach((task, value) -> labels.put(task, value));
    }
    return post("alignments/" + alignmentName + "/fit", body.toString());
  }

  /** The answer to one labels request: aligned labels and refused records. */
  record Labels(List<AlignedLabel> labels, List<Refusal> refused, String teacherHash) {
  }

  /** A record the service refused: its index in the request and every reason. */
  record Refusal(int index, List<String> errors) {
  }

  /** Aligned labels for a batch of examples (at most the service's batch limit). */
  Labels labels(String mappingRef, String alignmentRef, List<Example> examples) {
    ObjectNode body = JSON.createObjectNode();
    body.put("mapping", mappingRef);
    body.put("alignment", alignmentRef);
    ArrayNode records = body.putArray("records");
    for (Example e : examples) {
      records.add(toJson(e));
    }
    JsonNode answer = post("labels", body.toString());
    List<AlignedLabel> labels = new ArrayList<>();
    for (JsonNode label : answer.path("labels")) {
      labels.add(toAlignedLabel(label));
    }
    List<Refusal> refused = new ArrayList<>();
    for (JsonNode error : answer.path("errors")) {
      List<String> reasons = new ArrayList<>();
      error.path("errors").forEach(reason -> reasons.add(reason.asText()));
      refused.add(new Refusal(error.path("index").asInt(), reasons));
    }
    return new Labels(labels, refused, answer.path("teacherHash").asText());
  }

  /**
   * Submits a backfill of the Avro file at {@code inputPath} (relative to the service's backfill data
   * root) with the serving version of {@code teacherId}; returns the job as the service answers it.
   */
  JsonNode backfill(String teacherId, String mappingRef, String alignmentRef, String inputPath) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("teacher").put("id", teacherId);
    body.put("mapping", mappingRef);
    body.put("alignment", alignmentRef);
    ObjectNode input = body.putObject("input");
    input.put("type", "avro");
    input.put("path", inputPath);
    return post("backfills", body.toString());
  }

  /**
   * Follows a backfill job until it ends (succeeded, failed or cancelled), telling {@code status} its
   * progress now and then; returns the final job.
   */
  JsonNode awaitBackfill(String jobId, java.util.function.Consumer<String> status) {
    long lastReport = 0;
    while (true) {
      JsonNode job = get("backfills/" + jobId);
      String state = job.path("state").asText();
      if (state.equals("SUCCEEDED") || state.equals("FAILED") || state.equals("CANCELLED")) {
        return job;
      }
      long now = System.nanoTime();
      if (now - lastReport > 5_000_000_000L) {
        status.accept(String.format(java.util.Locale.ROOT, "%s, %d of %d records", state,
            job.path("done").asLong(), job.path("total").asLong()));
        lastReport = now;
      }
      try {
        Thread.sleep(200); // polling a remote job's state: the service offers no push channel
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for backfill " + jobId, e);
      }
    }
  }

  private JsonNode get(String path) {
    HttpRequest request = HttpRequest.newBuilder(api.resolve(path))
        .timeout(Duration.ofMinutes(1))
        .header("X-Api-Key", apiKey)
        .GET()
        .build();
    return send(request, "GET " + path);
  }

  private static String ref(JsonNode version) {
    return version.path("name").asText() + "@" + version.path("version").asInt();
  }

  private JsonNode post(String path, String body) {
    HttpRequest request = HttpRequest.newBuilder(api.resolve(path))
        .timeout(Duration.ofMinutes(2))
        .header("X-Api-Key", apiKey)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    return send(request, "POST " + path);
  }

  private JsonNode send(HttpRequest request, String what) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(what + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + what, e);
    }
  }

  /** The example as the service reads JSON records: an object shaped like its Avro schema. */
  static JsonNode toJson(Example example) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try {
      JsonEncoder encoder = EncoderFactory.get().jsonEncoder(Example.getClassSchema(), out);
      new SpecificDatumWriter<>(Example.class).write(example, encoder);
      encoder.flush();
      return JSON.readTree(out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static AlignedLabel toAlignedLabel(JsonNode label) {
    List<TaskLabel> tasks = new ArrayList<>();
    for (JsonNode t : label.path("labels")) {
      tasks.add(TaskLabel.newBuilder()
          .setTask(t.path("task").asText())
          .setValue((float) t.path("value").asDouble(Double.NaN))
          .setSpace(LabelSpace.valueOf(t.path("space").asText()))
          .setServing(t.path("serving").asBoolean(true))
          .build());
    }
    JsonNode p = label.path("provenance");
    Map<String, String> hyperParameters = new TreeMap<>();
    p.path("hyperParameters").properties().forEach(f -> hyperParameters.put(f.getKey(), f.getValue().asText()));
    Provenance provenance = Provenance.newBuilder()
        .setTeacherId(p.path("teacherId").asText(""))
        .setTeacherHash(p.path("teacherHash").asText(""))
        .setMappingName(p.path("mappingName").isTextual() ? p.path("mappingName").asText() : null)
        .setMappingVersion(p.path("mappingVersion").isInt() ? p.path("mappingVersion").asInt() : null)
        .setAlignmentName(p.path("alignmentName").isTextual() ? p.path("alignmentName").asText() : null)
        .setAlignmentVersion(p.path("alignmentVersion").isInt() ? p.path("alignmentVersion").asInt() : null)
        .setHyperParameters(hyperParameters)
        .setSeed(p.path("seed").asLong(0))
        .setInputDataHash(p.path("inputDataHash").asText(""))
        .setProducer(p.path("producer").asText(""))
        .build();
    return AlignedLabel.newBuilder().setExampleId(label.path("exampleId").asText()).setLabels(tasks)
        .setProvenance(provenance).build();
  }
}
