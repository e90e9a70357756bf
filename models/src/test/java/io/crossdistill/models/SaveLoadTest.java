package io.crossdistill.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossdistill.schemas.TeacherInputBatch;
import io.crossdistill.schemas.TeacherInputLayout;
import io.crossdistill.v1.Provenance;
import io.crossdistill.v1.TeacherSignature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SaveLoadTest {

  private static final TabularData DATA = SyntheticTables.table(700, 31, 0.3);
  private static MultiTaskModel trained;

  @TempDir
  Path dir;

  @BeforeAll
  static void train() {
    NetworkConfig config = new NetworkConfig(SyntheticTables.config(List.of()).idInputs(), 6, List.of(16),
        List.of(HeadSpec.serving("click", Objective.BINARY_CROSS_ENTROPY),
            HeadSpec.auxiliary("teacher_value", Objective.SOFT_CROSS_ENTROPY, 0.5f, 2f)));
    trained = MultiTaskModel.create(config, 3);
    ModelTrainer.train(trained, DATA, TrainingConfig.builder().setSeed(3).optMaxEpochs(2).build());
  }

  @Test
  void load_givesBitIdenticalPredictionsConfigAndProvenance() throws ModelException {
    Provenance provenance = Provenance.newBuilder().setSeed(3).setHyperParameters(Map.of("batchSize", "256"))
        .setInputDataHash("abc").setProducer("test").build();
    trained.save(dir, provenance);
    try (MultiTaskModel loaded = MultiTaskModel.load(dir)) {
      assertThat(Arrays.equals(loaded.predict(DATA), trained.predict(DATA))).isTrue();
      assertThat(loaded.config()).isEqualTo(trained.config());
      assertThat(loaded.provenance()).contains(provenance);
    }
  }

  @Test
  void save_writesReadableJson() throws IOException, ModelException {
    trained.save(dir, Provenance.newBuilder().build());
    String network = Files.readString(dir.resolve("network.json"));
    assertThat(network).contains("\"formatVersion\" : 1").contains("\"SOFT_CROSS_ENTROPY\"").contains("\"temperature\" : 2.0");
    assertThat(Files.readString(dir.resolve("provenance.json"))).contains("\"producer\"");
  }

  @Test
  void load_ofAParameterFileThatDoesNotFitTheConfig_failsClearly() throws IOException, ModelException {
    trained.save(dir, Provenance.newBuilder().build());
    try (MultiTaskModel other = MultiTaskModel.create(SyntheticTables.config(List.of(4)), 1)) {
      Path otherDir = dir.resolve("other");
      other.save(otherDir, Provenance.newBuilder().build());
      Files.copy(otherDir.resolve("parameters.ndlist"), dir.resolve("parameters.ndlist"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    assertThatThrownBy(() -> MultiTaskModel.load(dir))
        .isInstanceOf(ArtifactIntegrityException.class)
        .hasMessageContaining("parameters do not fit the network config");
  }

  @Test
  void predict_ofATeacherInputBatch_matchesPredictOfTheSameRows() {
    TeacherSignature signature = TestSignatures.synthetic();
    TeacherInputLayout layout = TeacherInputLayout.of(signature);
    TeacherInputBatch batch = layout.newBatch(64);
    int rows = 50;
    System.arraycopy(DATA.numeric(), 0, batch.numeric(), 0, rows * 6);
    System.arraycopy(DATA.ids(), 0, batch.ids(), 0, rows * 2);
    batch.setSize(rows);
    float[] out = new float[64 * 2];
    Arrays.fill(out, -7f);
    trained.predict(batch, out);
    assertThat(Arrays.copyOf(out, rows * 2)).containsExactly(trained.predict(DATA.slice(0, rows)));
    assertThat(out[rows * 2]).isEqualTo(-7f);
    assertThat(trained.predict(batch)).containsExactly(Arrays.copyOf(out, rows * 2));
  }

  @Test
  void teacherArtifact_roundTripsAndVerifiesItsHash() throws IOException, ModelException {
    NetworkConfig config = NetworkConfig.fromSignature(TestSignatures.synthetic(), 3, List.of(8));
    try (MultiTaskModel teacher = MultiTaskModel.create(config, 9)) {
      TeacherSignature withStats = InputStatistics.withStatistics(TestSignatures.synthetic(), DATA);
      TeacherSignature sealed = TeacherArtifact.write(dir, teacher, withStats);
      assertThat(sealed.getContentHash()).hasSize(64);
      try (TeacherArtifact artifact = TeacherArtifact.open(dir)) {
        assertThat(artifact.contentHash()).isEqualTo(sealed.getContentHash());
        assertThat(artifact.signature()).isEqualTo(sealed);
        assertThat(artifact.signature().getInputs().get(0).getStatistics().getCount()).isEqualTo(700);
        assertThat(Arrays.equals(artifact.model().predict(DATA), teacher.predict(DATA))).isTrue();
        assertThat(artifact.model().provenance()).contains(TestSignatures.synthetic().getProvenance());
      }
      Files.write(dir.resolve("network.json"), new byte[] {' '}, StandardOpenOption.APPEND);
      assertThatThrownBy(() -> TeacherArtifact.open(dir))
          .isInstanceOf(ArtifactIntegrityException.class)
          .hasMessageContaining("content hash mismatch")
          .hasMessageContaining(sealed.getContentHash());
    }
  }

  @Test
  void teacherArtifact_refusesASignatureThatDoesNotDescribeTheModel() {
    try (MultiTaskModel model = MultiTaskModel.create(SyntheticTables.config(List.of(8)), 1)) {
      TeacherSignature signature = TestSignatures.synthetic();
      signature.getHeads().get(1).setName("watch_time");
      assertThatThrownBy(() -> TeacherArtifact.write(dir, model, signature))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("$.heads[1].name: 'watch_time'");
    }
  }

  @Test
  void open_ofAMissingDirectory_saysWhichFileIsMissing() {
    assertThatThrownBy(() -> TeacherArtifact.open(dir.resolve("nothing")))
        .isInstanceOf(ArtifactIntegrityException.class)
        .hasMessageContaining("signature.json");
  }

  @org.junit.jupiter.api.AfterAll
  static void close() {
    trained.close();
  }
}
