package io.crossdistill.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossdistill.v1.AlignedLabel;
import io.crossdistill.v1.DeadLetter;
import io.crossdistill.v1.Example;
import io.crossdistill.v1.Provenance;
import io.crossdistill.v1.TeacherPrediction;
import io.crossdistill.v1.TeacherSignature;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.junit.jupiter.api.Test;

/** The evolution rule: every field added after a record's first field carries a default. */
class SchemaEvolutionTest {

  private static final List<Schema> CONTRACTS = List.of(Example.getClassSchema(), Provenance.getClassSchema(),
      TeacherSignature.getClassSchema(), TeacherPrediction.getClassSchema(), AlignedLabel.getClassSchema(),
      DeadLetter.getClassSchema());

  @Test
  void everyContract_isInTheV1Namespace() {
    assertThat(CONTRACTS).allSatisfy(s -> assertThat(s.getNamespace()).isEqualTo("io.crossdistill.v1"));
  }

  @Test
  void aRecordWithOnlyItsRequiredFields_canBeReadByTheFullSchema() {
    for (Schema schema : CONTRACTS) {
      List<Schema.Field> required = new ArrayList<>();
      for (Schema.Field f : schema.getFields()) {
        if (!f.hasDefaultValue()) {
          required.add(new Schema.Field(f.name(), f.schema(), f.doc()));
        }
      }
      Schema minimal = Schema.createRecord(schema.getName(), null, schema.getNamespace(), false, required);
      SchemaCompatibility.SchemaPairCompatibility compat =
          SchemaCompatibility.checkReaderWriterCompatibility(schema, minimal);
      assertThat(compat.getType())
          .as("fields with defaults let %s read records written without them", schema.getName())
          .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    }
  }

  @Test
  void teacherInputLayout_packsFloatsAndVectorsAndIdsInSignatureOrder() {
    TeacherInputLayout layout = TeacherInputLayout.of(GoldenRecords.signature());
    assertThat(layout.numericWidth()).isEqualTo(3);
    assertThat(layout.idCount()).isEqualTo(1);
    assertThat(layout.inputs()).extracting(TeacherInputLayout.Slot::offset).containsExactly(0, 0, 1);
    assertThat(layout.inputs()).extracting(TeacherInputLayout.Slot::buffer).containsExactly(
        TeacherInputLayout.Buffer.ID, TeacherInputLayout.Buffer.NUMERIC, TeacherInputLayout.Buffer.NUMERIC);
    TeacherInputBatch batch = layout.newBatch(4);
    assertThat(batch.numeric()).hasSize(12);
    assertThat(batch.ids()).hasSize(4);
  }
}
