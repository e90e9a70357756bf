package io.crossdistill.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossdistill.v1.InputType;
import io.crossdistill.v1.TeacherSignature;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkConfigTest {

  @Test
  void fromSignature_packsFloatsAndVectorsAndEmbedsIds() {
    NetworkConfig config = NetworkConfig.fromSignature(TestSignatures.synthetic(), 4, List.of(16, 8));
    assertThat(config.numericWidth()).isEqualTo(6);
    assertThat(config.idInputs()).containsExactly(new IdInput("user", 20, 4), new IdInput("item", 10, 4));
    assertThat(config.heads()).extracting(HeadSpec::objective).containsExactly(Objective.BINARY_CROSS_ENTROPY, Objective.MSE);
    assertThat(config.servingHeads()).hasSize(2);
  }

  @Test
  void fromSignature_rejectsStringInputsByName() {
    TeacherSignature signature = TestSignatures.synthetic();
    List<io.crossdistill.v1.TeacherInput> inputs = new ArrayList<>(signature.getInputs());
    inputs.add(TestSignatures.input("title", InputType.STRING, 0, 1));
    signature.setInputs(inputs);
    assertThatThrownBy(() -> NetworkConfig.fromSignature(signature, 4, List.of(8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("$.inputs[7].type")
        .hasMessageContaining("STRING input 'title'");
  }

  @Test
  void parameterCount_addsEmbeddingsTrunkAndHeads() {
    NetworkConfig config = SyntheticTables.config(List.of(16, 8));
    // embeddings 20*4 + 10*3 = 110; trunk (13*16+16) + (16*8+8) = 224 + 136; heads 8*2+2 = 18
    assertThat(config.parameterCount()).isEqualTo(110 + 224 + 136 + 18);
    assertThat(config.trunkInputWidth()).isEqualTo(13);
  }

  @Test
  void constructor_listsEveryProblemWithItsPath() {
    assertThatThrownBy(() -> new NetworkConfig(List.of(), 0, List.of(8, 0),
        List.of(HeadSpec.serving("a", Objective.MSE), HeadSpec.serving("a", Objective.MSE))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one numeric column or one id input")
        .hasMessageContaining("$.hiddenWidths[1]")
        .hasMessageContaining("$.heads[1].name: duplicate name 'a'");
  }

  @Test
  void headSpec_rejectsNonPositiveTemperature() {
    assertThatThrownBy(() -> HeadSpec.auxiliary("t", Objective.SOFT_CROSS_ENTROPY, 1f, 0f))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temperature");
  }

  @Test
  void headIndex_findsHeadsByName() {
    NetworkConfig config = SyntheticTables.config(List.of());
    assertThat(config.headIndex("value")).hasValue(1);
    assertThat(config.headIndex("nope")).isEmpty();
  }
}
