package io.crossdistill.student;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.crossdistill.datasets.TaskDef;
import io.crossdistill.models.HeadSpec;
import io.crossdistill.models.IdInput;
import io.crossdistill.models.ModelException;
import io.crossdistill.models.MultiTaskModel;
import io.crossdistill.models.NetworkConfig;
import io.crossdistill.models.Objective;
import io.crossdistill.schemas.TaskKind;
import io.crossdistill.schemas.metrics.Metrics;
import io.crossdistill.v1.Example;
import io.crossdistill.v1.Provenance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A trained student saved for serving, and opened again without its teacher. The directory holds the
 * network ({@code network.json}, {@code parameters.ndlist}, {@code provenance.json}: teacher hash,
 * mapping and alignment versions, hyper-parameters, seed, data hash), its signature {@value
 * #SIGNATURE_FILE} (variant, serving tasks with their regression scales, the encoder's standardisation,
 * cardinalities and seen ids) and, for a student that reads a lookup, the table itself as {@code
 * lookup-<idFeature>.csv}. Opening checks the files against each other and reports every problem at
 * once; {@link #predict} gives the same scores as the student did in memory. Close it to free the
 * network's native memory.
 */
public final class StudentArtifact implements AutoCloseable {

  /** The signature's file name in a student directory. */
  public static final String SIGNATURE_FILE = "student.json";

  private static final List<String> MODEL_FILES = List.of("network.json", "parameters.ndlist", "provenance.json");
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path dir;
  private final StudentSignature signature;
  private final ExampleEncoder encoder;
  private final MultiTaskModel model;

  private StudentArtifact(Path dir, StudentSignature signature, ExampleEncoder encoder, MultiTaskModel model) {
    this.dir = dir;
    this.signature = signature;
    this.encoder = encoder;
    this.model = model;
  }

  /**
   * One example's serving outputs.
   *
   * @param exampleId the example's id
   * @param outputs task name → the probability (binary task) or the value in the task's units (regression), in
   *     task order
   */
  public record Prediction(String exampleId, Map<String, Double> outputs) {
    /** Copies the outputs, keeping their order. */
    public Prediction {
      outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }
  }

  /**
   * Saves {@code student}, trained on tables {@code encoder} made, into {@code dir} (created; the
   * student's files in it are replaced).
   *
   * @throws IllegalArgumentException when the encoder does not fit the student's network
   * @throws UncheckedIOException when a file cannot be written
   */
  public static Path save(Path dir, StudentTrainer.Trained student, ExampleEncoder encoder, Provenance provenance) throws ModelException {
    NetworkConfig network = student.model().config();
    if (network.numericWidth() != encoder.numericWidth()) {
      throw new IllegalArgumentException("the encoder makes " + encoder.numericWidth()
          + " numeric columns, the student's network reads " + network.numericWidth());
    }
    Set<String> keyed = new HashSet<>();
    for (FeatureLookup lookup : encoder.lookups()) {
      if (!keyed.add(lookup.idFeature())) {
        throw new IllegalArgumentException("two lookups keyed by '" + lookup.idFeature() + "' cannot be saved");
      }
    }
    student.model().save(dir, provenance);
    StudentSignature signature = StudentSignature.of(student.plan(), encoder, MAPPER);
    try {
      for (FeatureLookup lookup : encoder.lookups()) {
        lookup.writeCsv(dir.resolve(lookupFile(lookup.idFeature())));
      }
      // written last: a directory without it is visibly an unfinished save
      MAPPER.writeValue(dir.resolve(SIGNATURE_FILE).toFile(), signature.toJson(MAPPER));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the student to " + dir, e);
    }
    return dir;
  }

  /**
   * Opens a student {@link #save} wrote.
   *
   * @throws InvalidStudentException listing every missing or damaged file and every mismatch between the
   *     signature, the lookup tables and the network
   */
  public static StudentArtifact open(Path dir) throws InvalidStudentException {
    List<String> problems = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      throw new InvalidStudentException(dir, List.of("not a directory"));
    }
    Optional<JsonNode> root = readSignature(dir, problems);
    Optional<StudentSignature> signature = root.flatMap(r -> StudentSignature.fromJson(r, problems));
    // the encoder is read even when the rest of the signature is bad, so that every problem is listed
    Optional<ExampleEncoder> encoder = root.map(r -> r.get("encoder")).filter(JsonNode::isObject)
        .flatMap(e -> ExampleEncoder.fromJson(e, SIGNATURE_FILE + ".encoder",
            (id, dim) -> FeatureLookup.readCsv(dir.resolve(lookupFile(id)), id, dim, problems), problems));
    MultiTaskModel model = null;
    List<String> missing = MODEL_FILES.stream().filter(f -> !Files.isRegularFile(dir.resolve(f))).toList();
    missing.forEach(f -> problems.add(f + ": missing"));
    if (missing.isEmpty()) {
      try {
        model = MultiTaskModel.load(dir);
      } catch (ModelException e) {
        problems.add("the network does not load: " + e.getMessage());
      }
    }
    if (model != null && signature.isPresent() && encoder.isPresent()) {
      checkFit(model.config(), signature.get(), encoder.get(), problems);
    }
    if (!problems.isEmpty()) {
      if (model != null) {
        model.close();
      }
      throw new InvalidStudentException(dir, problems);
    }
    return new StudentArtifact(dir, signature.orElseThrow(), encoder.orElseThrow(), model);
  }

  /** The student's directory. */
  public Path dir() {
    return dir;
  }

  /** The variant it was trained as, with its teacher weight. */
  public Variant variant() {
    return signature.variant();
  }

  /** The serving tasks, in output order. */
  public List<TaskDef> tasks() {
    return signature.tasks();
  }

  /** Where the student came from: teacher, mapping, alignment, hyper-parameters, seed, data. */
  public Provenance provenance() {
    return model.provenance().orElseThrow();
  }

  /**
   * The serving outputs of each example, in input order: a probability for a binary task, a value in the
   * task's units for a regression task. Ids the student never saw and users its lookup does not hold
   * take the learned unknown id and the lookup's default; labels in the examples are ignored.
   */
  public List<Prediction> predict(Iterable<Example> examples) {
    EncodedExamples encoded = encoder.encode(examples);
    float[] raw = model.predict(encoded.data());
    int width = model.config().headCount();
    List<TaskDef> tasks = signature.tasks();
    List<Prediction> out = new ArrayList<>(encoded.exampleIds().size());
    for (int r = 0; r < encoded.exampleIds().size(); r++) {
      Map<String, Double> outputs = new LinkedHashMap<>();
      for (int t = 0; t < tasks.size(); t++) {
        double[] scale = signature.scales().get(t);
        // the same arithmetic as StudentPlan.servingOutputs, so the scores match the in-memory student's
        float value = (float) (raw[r * width + t] * scale[1] + scale[0]);
        outputs.put(tasks.get(t).name(), tasks.get(t).kind() == TaskKind.BINARY ? Metrics.sigmoid(value) : value);
      }
      out.add(new Prediction(encoded.exampleIds().get(r), outputs));
    }
    return out;
  }

  @Override
  public void close() {
    model.close();
  }

  static String lookupFile(String idFeature) {
    return "lookup-" + idFeature + ".csv";
  }

  private static Optional<JsonNode> readSignature(Path dir, List<String> problems) {
    Path file = dir.resolve(SIGNATURE_FILE);
    if (!Files.isRegularFile(file)) {
      problems.add(SIGNATURE_FILE + ": missing");
      return Optional.empty();
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      problems.add(SIGNATURE_FILE + ": not JSON: " + e.getOriginalMessage());
      return Optional.empty();
    } catch (IOException e) {
      problems.add(SIGNATURE_FILE + ": cannot be read: " + e.getMessage());
      return Optional.empty();
    }
    if (root == null || !root.isObject()) {
      problems.add(SIGNATURE_FILE + ": not a JSON object");
      return Optional.empty();
    }
    return Optional.of(root);
  }

  /** The signature and the encoder against the network: heads, numeric width, id inputs. */
  private static void checkFit(NetworkConfig network, StudentSignature signature, ExampleEncoder encoder,
      List<String> problems) {
    List<TaskDef> tasks = signature.tasks();
    List<HeadSpec> heads = network.heads();
    if (heads.size() < tasks.size()) {
      problems.add(SIGNATURE_FILE + ": " + tasks.size() + " serving tasks, the network has " + heads.size() + " heads");
    }
    for (int t = 0; t < Math.min(tasks.size(), heads.size()); t++) {
      TaskDef task = tasks.get(t);
      HeadSpec head = heads.get(t);
      Objective expected = task.kind() == TaskKind.BINARY ? Objective.BINARY_CROSS_ENTROPY : Objective.MSE;
      if (!head.name().equals(task.name()) || head.objective() != expected || !head.serving()) {
        problems.add(SIGNATURE_FILE + ".tasks[" + t + "]: " + task.kind().name().toLowerCase(java.util.Locale.ROOT)
            + " task " + task.name() + ", but the network's head " + t + " is " + head.name() + " ("
            + head.objective() + (head.serving() ? "" : ", not serving") + ")");
      }
    }
    if (network.numericWidth() != encoder.numericWidth()) {
      problems.add(SIGNATURE_FILE + ".encoder: makes " + encoder.numericWidth() + " numeric columns, the network reads "
          + network.numericWidth());
    }
    List<IdInput> expected = network.idInputs();
    List<IdInput> encoded = encoder.idInputs(1);
    if (expected.size() != encoded.size()) {
      problems.add(SIGNATURE_FILE + ".encoder.ids: " + encoded.size() + " id features, the network reads "
          + expected.size());
    } else {
      for (int i = 0; i < expected.size(); i++) {
        if (!expected.get(i).name().equals(encoded.get(i).name())
            || expected.get(i).cardinality() != encoded.get(i).cardinality()) {
          problems.add(SIGNATURE_FILE + ".encoder.ids[" + i + "]: " + encoded.get(i).name() + " with "
              + (encoded.get(i).cardinality() - 1) + " ids, the network's input " + i + " is "
              + expected.get(i).name() + " with " + (expected.get(i).cardinality() - 1) + " ids");
        }
      }
    }
  }
}
