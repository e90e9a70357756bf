package io.crossdistill.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.crossdistill.schemas.TeacherInputBatch;
import io.crossdistill.schemas.TeacherInputLayout;
import io.crossdistill.v1.HeadKind;
import io.crossdistill.v1.InputType;
import io.crossdistill.v1.TeacherHead;
import io.crossdistill.v1.TeacherInput;
import io.crossdistill.v1.TeacherSignature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Imported TorchScript and ONNX fixtures (made by {@code src/test/fixtures/make_fixtures.py} with
 * Debian's PyTorch 1.13) against the outputs PyTorch computed for the same inputs, and the errors a
 * signature that does not fit its model gets.
 */
class ImportedTeacherTest {

  private static final double TOLERANCE = 1e-5;

  @TempDir
  Path dir;

  private Path fixtures;

  @BeforeEach
  void copyFixtures() throws IOException {
    fixtures = dir.resolve("fixtures");
    Files.createDirectories(fixtures);
    for (String name : List.of("teacher.pt", "teacher.onnx", "teacher-int32.onnx", "signature.json", "reference.json")) {
      try (InputStream in = getClass().getResourceAsStream("/imported/" + name)) {
        Files.copy(in, fixtures.resolve(name));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"teacher.pt", "teacher.onnx"})
  void importedTeacher_onReferenceInputs_matchesPyTorchWithin1e5(String file) throws IOException, ModelException {
    TeacherSignature sealed = TeacherImport.importModel(fixtures.resolve(file), signature(), dir.resolve("artifact"));
    JsonObject reference = JsonParser.parseString(Files.readString(fixtures.resolve("reference.json"),
        StandardCharsets.UTF_8)).getAsJsonObject();
    int rows = reference.get("rows").getAsInt();
    float[] expected = floats(reference.getAsJsonArray("outputs"));

    try (Teacher teacher = Teacher.open(dir.resolve("artifact"))) {
      assertThat(teacher.contentHash()).isEqualTo(sealed.getContentHash()).hasSize(64);
      TeacherInputLayout layout = teacher.layout();
      TeacherInputBatch batch = layout.newBatch(rows);
      float[] numeric = floats(reference.getAsJsonArray("numeric"));
      JsonArray ids = reference.getAsJsonArray("ids");
      System.arraycopy(numeric, 0, batch.numeric(), 0, numeric.length);
      for (int i = 0; i < ids.size(); i++) {
        batch.ids()[i] = ids.get(i).getAsLong();
      }
      batch.setSize(rows);
      float[] out = new float[rows * teacher.headCount()];
      teacher.predict(batch, out);
      for (int i = 0; i < expected.length; i++) {
        assertThat((double) out[i]).as("output %d", i).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(TOLERANCE));
      }
    }
  }

  @Test
  void runtime_overAnImportedTeacher_answersConcurrentCallersLikeTheTeacherItself() throws Exception {
    TeacherImport.importModel(fixtures.resolve("teacher.pt"), signature(), dir.resolve("artifact"));
    try (Teacher direct = Teacher.open(dir.resolve("artifact"));
        TeacherRuntime runtime = TeacherRuntime.open(dir.resolve("artifact"))) {
      List<TeacherInputBatch> batches = new ArrayList<>();
      List<float[]> outs = new ArrayList<>();
      List<java.util.concurrent.CompletableFuture<TeacherRuntime.Answer>> answers = new ArrayList<>();
      java.util.SplittableRandom random = new java.util.SplittableRandom(3);
      for (int call = 0; call < 20; call++) {
        TeacherInputBatch batch = runtime.layout().newBatch(3);
        for (int i = 0; i < 3 * 4; i++) {
          batch.numeric()[i] = (float) random.nextGaussian();
        }
        for (int row = 0; row < 3; row++) {
          batch.ids()[row * 2] = random.nextInt(10);
          batch.ids()[row * 2 + 1] = random.nextInt(7);
        }
        batch.setSize(3);
        batches.add(batch);
        outs.add(new float[3 * 3]);
        answers.add(runtime.submit(batch, outs.get(call)));
      }
      for (int call = 0; call < 20; call++) {
        assertThat(answers.get(call).get().contentHash()).isEqualTo(direct.contentHash());
        float[] expected = new float[3 * 3];
        direct.predict(batches.get(call), expected);
        assertThat(outs.get(call)).containsExactly(expected, org.assertj.core.data.Offset.offset(1e-6f));
      }
    }
  }

  @Test
  void trainedTeacherOpen_onImportedDirectory_pointsToTeacherOpen() throws ModelException {
    TeacherImport.importModel(fixtures.resolve("teacher.onnx"), signature(), dir.resolve("artifact"));
    assertThatThrownBy(() -> TeacherArtifact.open(dir.resolve("artifact")))
        .isInstanceOf(ArtifactIntegrityException.class)
        .hasMessageContaining("imported teacher (model.onnx)")
        .hasMessageContaining("Teacher.open");
  }

  @Test
  void open_afterTheModelFileChanged_refusesTheContentHash() throws IOException, ModelException {
    Path artifact = dir.resolve("artifact");
    TeacherImport.importModel(fixtures.resolve("teacher.pt"), signature(), artifact);
    Files.write(artifact.resolve("model.pt"), new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
    assertThatThrownBy(() -> Teacher.open(artifact))
        .isInstanceOf(ArtifactIntegrityException.class)
        .hasMessageContaining("content hash mismatch");
  }

  @Test
  void importOnnx_withSignatureOfOtherShape_listsEveryProblem() throws ModelException {
    TeacherSignature signature = signature();
    List<TeacherInput> inputs = new ArrayList<>(signature.getInputs());
    // item_id declared as a FLOAT: one more numeric column, one id column fewer
    inputs.set(3, TeacherInput.newBuilder(inputs.get(3)).setType(InputType.FLOAT).setCardinality(0)
        .setDefaultValue(0f).build());
    inputs.add(TeacherInput.newBuilder().setName("title").setType(InputType.STRING).build());
    List<TeacherHead> heads = new ArrayList<>(signature.getHeads());
    heads.add(TeacherHead.newBuilder().setName("share").setKind(HeadKind.BINARY_LOGIT).build());
    TeacherSignature wrong = TeacherSignature.newBuilder(signature).setInputs(inputs).setHeads(heads).build();

    assertThatThrownBy(() -> TeacherImport.importModel(fixtures.resolve("teacher.onnx"), wrong, dir.resolve("artifact")))
        .isInstanceOfSatisfying(SignatureMismatchException.class, e -> assertThat(e.problems()).satisfiesExactly(
            p -> assertThat(p).startsWith("$.inputs[5].type: STRING input 'title'"),
            p -> assertThat(p).startsWith("inputs[0] 'numeric' (numeric): width 4, the signature needs 5"),
            p -> assertThat(p).startsWith("inputs[1] 'ids' (ids): width 2, the signature needs 1"),
            p -> assertThat(p).startsWith("outputs[0] 'heads': width 3, the signature needs 4")));
    assertThat(dir.resolve("artifact").resolve("model.onnx")).doesNotExist();
  }

  @Test
  void importOnnx_withoutIdInputsInTheSignature_reportsTheInputCount() throws ModelException {
    TeacherSignature signature = signature();
    List<TeacherInput> inputs = signature.getInputs().stream().filter(i -> i.getType() != InputType.ID).toList();
    TeacherSignature wrong = TeacherSignature.newBuilder(signature).setInputs(inputs).build();
    assertThatThrownBy(() -> TeacherImport.importModel(fixtures.resolve("teacher.onnx"), wrong, dir.resolve("artifact")))
        .isInstanceOfSatisfying(SignatureMismatchException.class, e -> assertThat(e.problems())
            .anySatisfy(p -> assertThat(p).startsWith("inputs: the model takes 2 inputs [numeric, ids],"
                + " the signature's layout gives 1: numeric float32 [batch, 4]")));
  }

  @Test
  void importOnnx_withInt32Ids_reportsTheDtype() {
    assertThatThrownBy(() -> TeacherImport.importModel(fixtures.resolve("teacher-int32.onnx"), signature(),
        dir.resolve("artifact")))
        .isInstanceOfSatisfying(SignatureMismatchException.class, e -> assertThat(e.problems())
            .containsExactly("inputs[1] 'ids' (ids): dtype INT32, expected INT64"));
  }

  @Test
  void importTorchScript_withMoreHeadsInTheSignature_reportsTheOutputShape() throws ModelException {
    TeacherSignature signature = signature();
    List<TeacherHead> heads = new ArrayList<>(signature.getHeads());
    heads.add(TeacherHead.newBuilder().setName("share").setKind(HeadKind.BINARY_LOGIT).build());
    TeacherSignature wrong = TeacherSignature.newBuilder(signature).setHeads(heads).build();
    assertThatThrownBy(() -> TeacherImport.importModel(fixtures.resolve("teacher.pt"), wrong, dir.resolve("artifact")))
        .isInstanceOfSatisfying(SignatureMismatchException.class, e -> assertThat(e.problems()).containsExactly(
            "outputs[0]: shape (2, 3) for 2 rows, expected (2, 4) (one column per head: 4 heads in the signature)"));
  }

  @Test
  void importTorchScript_withFewerInputsInTheSignature_reportsTheRejectedInputs() throws ModelException {
    TeacherSignature signature = signature();
    // only popularity and user_id: the model gets [2, 1] tensors where it reads 4 floats and 2 ids
    TeacherSignature wrong = TeacherSignature.newBuilder(signature).setInputs(signature.getInputs().subList(0, 2)).build();
    assertThatThrownBy(() -> TeacherImport.importModel(fixtures.resolve("teacher.pt"), wrong, dir.resolve("artifact")))
        .isInstanceOfSatisfying(SignatureMismatchException.class, e -> assertThat(e.problems())
            .singleElement().asString().startsWith("inputs: the model rejects numeric float32 [2, 1], ids int64 [2, 1]: "));
  }

  private TeacherSignature signature() throws ModelException {
    return TeacherImport.readSignature(fixtures.resolve("signature.json"));
  }

  private static float[] floats(JsonArray array) {
    float[] values = new float[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).getAsFloat();
    }
    return values;
  }
}
