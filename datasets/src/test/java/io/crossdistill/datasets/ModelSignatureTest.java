package io.crossdistill.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.crossdistill.v1.Example;
import io.crossdistill.v1.HeadKind;
import io.crossdistill.v1.InputType;
import io.crossdistill.v1.TeacherSignature;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ModelSignatureTest {

  private static final DomainSchema SCHEMA = new DomainSchema("music",
      List.of(FeatureDef.idFeature("user_id", 10, "user"), FeatureDef.floatFeature("popularity", "pop")),
      List.of(TaskDef.binary("click", "played"), TaskDef.regression("listen_time", "minutes")));

  @Test
  void modelSignature_hasAnUnknownIdPerIdInputAndAHeadPerTask() {
    TeacherSignature signature = SCHEMA.modelSignature("m");
    assertThat(signature.getTeacherId()).isEqualTo("m");
    assertThat(signature.getContentHash()).isEmpty();
    assertThat(signature.getInputs().get(0).getType()).isEqualTo(InputType.ID);
    assertThat(signature.getInputs().get(0).getCardinality()).isEqualTo(11);
    assertThat(signature.getInputs().get(0).getDefaultValue()).isEqualTo(10L);
    assertThat(signature.getInputs().get(1).getType()).isEqualTo(InputType.FLOAT);
    assertThat(signature.getInputs().get(1).getDefaultValue()).isEqualTo(0f);
    assertThat(signature.getHeads()).extracting(h -> h.getKind())
        .containsExactly(HeadKind.BINARY_LOGIT, HeadKind.REGRESSION);
  }

  @Test
  void featureScaling_fitsMeanAndStdOfEveryFloatFeature_andIgnoresMissingValues() {
    List<Example> examples = List.of(example(1f), example(3f), example(null));
    FeatureScaling scaling = FeatureScaling.fit(SCHEMA, examples);
    assertThat(scaling.mean("popularity")).isCloseTo(2.0, within(1e-12));
    assertThat(scaling.std("popularity")).isCloseTo(1.0, within(1e-12));
    assertThat(scaling.has("user_id")).as("ids are not scaled").isFalse();
  }

  private static Example example(Float popularity) {
    Map<String, Float> floats = new TreeMap<>();
    if (popularity != null) {
      floats.put("popularity", popularity);
    }
    return Example.newBuilder().setId("e").setDomain("music").setFloatFeatures(floats).build();
  }
}
