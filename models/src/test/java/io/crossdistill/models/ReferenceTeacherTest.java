package io.crossdistill.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossdistill.schemas.TeacherInputBatch;
import io.crossdistill.schemas.TeacherInputLayout;
import io.crossdistill.v1.Provenance;
import io.crossdistill.v1.TeacherSignature;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference teacher recipe: train, seal, reopen through {@link Teacher#open} and the runtime. */
class ReferenceTeacherTest {

  @TempDir
  Path dir;

  @Test
  void train_thenOpen_givesIdenticalPredictionsWithStatisticsAndProvenance() throws ModelException {
    TabularData train = SyntheticTables.table(600, 1, 0.1);
    TabularData valid = SyntheticTables.table(200, 2, 0.1);
    TeacherSignature unsealed = TestSignatures.synthetic();
    TeacherRecipe recipe = TeacherRecipe.of(4, List.of(16, 8),
        TrainingConfig.builder().setSeed(11).optMaxEpochs(2).optBatchSize(64).build());

    ReferenceTeacher.Trained trained = ReferenceTeacher.train(unsealed, train, valid, recipe, dir,
        Provenance.newBuilder().setInputDataHash("abc").setProducer("test").build(), TrainingListener.NONE);

    TeacherSignature sealed = trained.signature();
    assertThat(sealed.getContentHash()).hasSize(64);
    assertThat(sealed.getInputs().get(0).getStatistics().getCount()).isEqualTo(600);
    assertThat(sealed.getProvenance().getHyperParameters())
        .containsEntry("embeddingDim", "4").containsEntry("hiddenWidths", "[16, 8]").containsEntry("idDropout", "0.05");
    assertThat(sealed.getProvenance().getTeacherId()).isEqualTo("video-teacher");
    assertThat(sealed.getProvenance().getInputDataHash()).isEqualTo("abc");
    assertThat(trained.report().epochsRun()).isEqualTo(2);

    TeacherInputBatch batch = TeacherInputLayout.of(sealed).newBatch(valid.rows());
    System.arraycopy(valid.numeric(), 0, batch.numeric(), 0, valid.numeric().length);
    System.arraycopy(valid.ids(), 0, batch.ids(), 0, valid.ids().length);
    batch.setSize(valid.rows());
    float[] fromArtifact = new float[valid.rows() * 2];
    float[] fromRuntime = new float[valid.rows() * 2];
    try (TeacherArtifact artifact = TeacherArtifact.open(dir)) {
      float[] fromModel = artifact.model().predict(valid);
      try (Teacher teacher = Teacher.open(dir)) {
        teacher.predict(batch, fromArtifact);
        assertThat(teacher.contentHash()).isEqualTo(sealed.getContentHash());
      }
      try (TeacherRuntime runtime = TeacherRuntime.open(dir)) {
        assertThat(runtime.predict(batch, fromRuntime).contentHash()).isEqualTo(sealed.getContentHash());
      }
      assertThat(fromArtifact).containsExactly(fromModel);
      assertThat(fromRuntime).containsExactly(fromModel);
    }
  }

  @Test
  void withIdDropout_replacesAboutTheRateOfIdsByTheUnknownId() {
    TabularData data = SyntheticTables.table(2_000, 3, 0);
    TeacherSignature signature = TestSignatures.synthetic();
    TabularData dropped = ReferenceTeacher.withIdDropout(data, signature, 0.1f, 5);
    int replaced = 0;
    for (int i = 0; i < data.ids().length; i++) {
      long unknown = i % 2 == 0 ? SyntheticTables.USERS - 1 : SyntheticTables.ITEMS - 1;
      if (dropped.ids()[i] != data.ids()[i]) {
        assertThat(dropped.ids()[i]).isEqualTo(unknown);
        replaced++;
      }
    }
    assertThat(replaced / (double) data.ids().length).isBetween(0.07, 0.11);
    assertThat(ReferenceTeacher.withIdDropout(data, signature, 0.1f, 5).ids()).containsExactly(dropped.ids());
  }
}
