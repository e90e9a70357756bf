package io.crossdistill.models;

import io.crossdistill.v1.HeadKind;
import io.crossdistill.v1.InputType;
import io.crossdistill.v1.Provenance;
import io.crossdistill.v1.TeacherHead;
import io.crossdistill.v1.TeacherInput;
import io.crossdistill.v1.TeacherSignature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Teacher signatures matching {@link SyntheticTables}. */
final class TestSignatures {

  private TestSignatures() {
  }

  static TeacherInput input(String name, InputType type, int cardinality, int dimension) {
    return TeacherInput.newBuilder().setName(name).setType(type).setCardinality(cardinality).setDimension(dimension).build();
  }

  /** f0..f3 as FLOATs, a 2-dim vector, user and item ids; click and value heads. */
  static TeacherSignature synthetic() {
    List<TeacherInput> inputs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      inputs.add(input("f" + i, InputType.FLOAT, 0, 1));
    }
    inputs.add(input("user", InputType.ID, SyntheticTables.USERS, 1));
    inputs.add(input("vec", InputType.FLOAT_VECTOR, 0, 2));
    inputs.add(input("item", InputType.ID, SyntheticTables.ITEMS, 1));
    return TeacherSignature.newBuilder()
        .setTeacherId("video-teacher")
        .setSourceDomain("video")
        .setInputs(inputs)
        .setHeads(List.of(
            TeacherHead.newBuilder().setName("click").setKind(HeadKind.BINARY_LOGIT).build(),
            TeacherHead.newBuilder().setName("value").setKind(HeadKind.REGRESSION).build()))
        .setProvenance(Provenance.newBuilder().setTeacherId("video-teacher").setSeed(7)
            .setHyperParameters(Map.of("learningRate", "0.01")).setProducer("crossdistill test").build())
        .build();
  }
}
