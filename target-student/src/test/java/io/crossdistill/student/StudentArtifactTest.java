package io.crossdistill.student;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crossdistill.datasets.CrossDomainData;
import io.crossdistill.datasets.RatingsWorld;
import io.crossdistill.datasets.RatingsWorldConfig;
import io.crossdistill.datasets.Split;
import io.crossdistill.datasets.TaskDef;
import io.crossdistill.models.TrainingListener;
import io.crossdistill.schemas.ContainerReader;
import io.crossdistill.schemas.TaskKind;
import io.crossdistill.schemas.metrics.Metrics;
import io.crossdistill.v1.Example;
import io.crossdistill.v1.Provenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudentArtifactTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path tmp;

  private static CrossDomainData data;
  private static List<Example> test;
  private static ExampleEncoder plainEncoder;
  private static ExampleEncoder lookupEncoder;
  private static FeatureLookup users;
  private static StudentTrainer.Trained control;
  private static StudentTrainer.Trained withLookup;

  @BeforeAll
  static void trainTwoStudents() {
    Path world = tmp.resolve("world");
    new RatingsWorld(RatingsWorldConfig.builder().optUsers(60).optSourceItems(200).optTargetItems(200)
        .optSourceRows(1_200).optTargetRows(900).build()).write(world);
    data = new RatingsProtocol(world, true).load(tmp.resolve("data"), 1.0, 1, (s, w, e) -> { });
    test = read(Split.TARGET_TEST);
    List<String> tasks = data.target().taskNames();
    plainEncoder = ExampleEncoder.fit(data.target(), tasks, read(Split.TARGET_TRAIN));
    // a lookup of every user but one, so the test split has users it does not hold
    Map<Long, float[]> vectors = new HashMap<>();
    SplittableRandom random = new SplittableRandom(3);
    for (Example e : read(Split.TARGET_TRAIN)) {
      long user = e.getIdFeatures().get("user_id");
      if (user != 0) {
        vectors.computeIfAbsent(user, u -> new float[] {(float) random.nextGaussian(), (float) random.nextGaussian()});
      }
    }
    users = FeatureLookup.standardised("user_id", vectors);
    lookupEncoder = plainEncoder.withLookup(users);
    control = train(Variant.control(), plainEncoder);
    withLookup = train(new Variant("looked-up", Variant.Distillation.NONE, 0, Variant.TeacherSource.SINGLE, true),
        lookupEncoder);
  }

  @AfterAll
  static void close() {
    control.close();
    withLookup.close();
  }

  @Test
  void saveThenOpen_control_predictsExactlyTheInMemoryScores() throws Exception {
    Path dir = StudentArtifact.save(tmp.resolve("control"), control, plainEncoder, provenance());
    try (StudentArtifact opened = StudentArtifact.open(dir)) {
      assertSameScores(opened.predict(test), control, plainEncoder);
      assertThat(opened.variant()).isEqualTo(Variant.control());
      assertThat(opened.provenance().getSeed()).isEqualTo(7L);
    }
  }

  @Test
  void saveThenOpen_studentWithALookup_predictsExactlyTheInMemoryScoresAndWritesTheTable() throws Exception {
    Path dir = StudentArtifact.save(tmp.resolve("lookup"), withLookup, lookupEncoder, provenance());
    assertThat(dir.resolve("lookup-user_id.csv")).exists();
    try (StudentArtifact opened = StudentArtifact.open(dir)) {
      assertSameScores(opened.predict(test), withLookup, lookupEncoder);
    }
  }

  @Test
  void predict_aUserTheLookupDoesNotHold_usesTheLookupDefault() throws Exception {
    Path dir = StudentArtifact.save(tmp.resolve("unknown-user"), withLookup, lookupEncoder, provenance());
    List<String> problems = new ArrayList<>();
    FeatureLookup reread = FeatureLookup.readCsv(dir.resolve("lookup-user_id.csv"), "user_id", 2, problems).orElseThrow();
    assertThat(problems).isEmpty();
    assertThat(reread.size()).isEqualTo(users.size());
    assertThat(reread.vector(0L)).containsExactly(0f, 0f);
    assertThat(reread.vector(12345L)).containsExactly(0f, 0f);
    Example known = test.get(0);
    Example unknown = Example.newBuilder(known).setId("stranger").setIdFeatures(Map.of("user_id", 999_999L,
        "item_id", known.getIdFeatures().get("item_id"))).build();
    try (StudentArtifact opened = StudentArtifact.open(dir)) {
      List<StudentArtifact.Prediction> p = opened.predict(List.of(known, unknown));
      assertSameScores(p, withLookup, lookupEncoder, List.of(known, unknown));
      assertThat(p.get(1).outputs()).isNotEqualTo(p.get(0).outputs());
    }
  }

  @Test
  void open_aDamagedSignature_listsEveryProblem() throws Exception {
    Path dir = StudentArtifact.save(tmp.resolve("damaged"), control, plainEncoder, provenance());
    Path file = dir.resolve(StudentArtifact.SIGNATURE_FILE);
    ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
    ((ObjectNode) root.get("tasks").get(0)).put("std", -1.0);
    ((ObjectNode) root.get("variant")).put("distillation", "osmosis");
    ((ObjectNode) root.get("encoder").get("ids").get(0)).put("cardinality", "many");
    ((ObjectNode) root.get("encoder").get("floats").get(1)).remove("mean");
    JSON.writeValue(file.toFile(), root);
    Files.delete(dir.resolve("parameters.ndlist"));

    assertThatThrownBy(() -> StudentArtifact.open(dir)).isInstanceOfSatisfying(InvalidStudentException.class,
        e -> assertThat(e.problems()).hasSize(5).anyMatch(p -> p.startsWith("student.json.tasks[0].std"))
            .anyMatch(p -> p.startsWith("student.json.variant.distillation: 'osmosis'"))
            .anyMatch(p -> p.startsWith("student.json.encoder.ids[0].cardinality"))
            .anyMatch(p -> p.startsWith("student.json.encoder.floats[1].mean: missing"))
            .anyMatch(p -> p.equals("parameters.ndlist: missing")));
  }

  @Test
  void open_aSignatureThatDoesNotFitTheNetwork_namesTheMismatches() throws Exception {
    Path dir = StudentArtifact.save(tmp.resolve("mismatched"), withLookup, lookupEncoder, provenance());
    Path file = dir.resolve(StudentArtifact.SIGNATURE_FILE);
    ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
    ((ObjectNode) root.get("tasks").get(0)).put("name", "hate");
    ((ObjectNode) root.get("encoder").get("ids").get(0)).put("cardinality", 3);
    ((ObjectNode) root.get("encoder").get("ids").get(0)).put("seen", "0-2");
    JSON.writeValue(file.toFile(), root);
    Files.writeString(dir.resolve("lookup-user_id.csv"), "user_id,v0\n1,0.5\n");

    assertThatThrownBy(() -> StudentArtifact.open(dir)).isInstanceOfSatisfying(InvalidStudentException.class,
        e -> assertThat(e.problems())
            .anyMatch(p -> p.contains("lookup-user_id.csv: header should be user_id and 2 value columns")));
    Files.writeString(dir.resolve("lookup-user_id.csv"), "user_id,v0,v1\ndefault,0,0\n1,0.5,x\n");
    assertThatThrownBy(() -> StudentArtifact.open(dir)).isInstanceOfSatisfying(InvalidStudentException.class,
        e -> assertThat(e.problems()).hasSize(1).first().asString().contains("line 3", "v1 = 'x'"));
    Files.writeString(dir.resolve("lookup-user_id.csv"), "user_id,v0,v1\ndefault,0,0\n1,0.5,0.25\n");
    assertThatThrownBy(() -> StudentArtifact.open(dir)).isInstanceOfSatisfying(InvalidStudentException.class,
        e -> assertThat(e.problems()).hasSize(2)
            .anyMatch(p -> p.startsWith("student.json.tasks[0]: binary task hate, but the network's head 0 is love"))
            .anyMatch(p -> p.startsWith("student.json.encoder.ids[0]: user_id with 3 ids")));
  }

  private static void assertSameScores(List<StudentArtifact.Prediction> predictions, StudentTrainer.Trained student,
      ExampleEncoder encoder) {
    assertSameScores(predictions, student, encoder, test);
  }

  private static void assertSameScores(List<StudentArtifact.Prediction> predictions, StudentTrainer.Trained student,
      ExampleEncoder encoder, List<Example> examples) {
    EncodedExamples encoded = encoder.encode(examples);
    Map<String, float[]> expected = student.predictByTask(encoded.data());
    assertThat(predictions).extracting(StudentArtifact.Prediction::exampleId).isEqualTo(encoded.exampleIds());
    for (TaskDef task : student.plan().servingTasks()) {
      float[] outputs = expected.get(task.name());
      for (int r = 0; r < predictions.size(); r++) {
        double want = task.kind() == TaskKind.BINARY ? Metrics.sigmoid(outputs[r]) : outputs[r];
        assertThat(predictions.get(r).outputs().get(task.name())).as("%s row %d", task.name(), r).isEqualTo(want);
      }
    }
    assertThat(predictions.get(0).outputs().keySet()).containsExactlyElementsOf(encoded.tasks());
  }

  private static StudentTrainer.Trained train(Variant variant, ExampleEncoder encoder) {
    EncodedExamples train = encoder.encode(read(Split.TARGET_TRAIN));
    EncodedExamples valid = encoder.encode(read(Split.TARGET_VALID));
    StudentRecipe recipe = StudentRecipe.defaults().withMaxEpochs(3);
    StudentPlan plan = StudentPlan.of(data.target().tasks(), List.of(), variant, train.data());
    return StudentTrainer.train(plan, encoder.idInputs(recipe.size().embeddingDim()), train.data(), new float[0],
        valid.data(), recipe.size(), recipe.training(7, TrainingListener.NONE));
  }

  private static Provenance provenance() {
    return Provenance.newBuilder().setTeacherId("none").setTeacherHash("").setMappingName("none").setMappingVersion(1)
        .setAlignmentName("none").setAlignmentVersion(1).setHyperParameters(Map.of()).setSeed(7)
        .setInputDataHash("").setProducer("StudentArtifactTest").build();
  }

  private static List<Example> read(Split split) {
    List<Example> out = new ArrayList<>();
    try (ContainerReader<Example> in = data.open(split)) {
      in.forEach(out::add);
    }
    return out;
  }
}
