package io.crossdistill.student;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossdistill.datasets.DomainSchema;
import io.crossdistill.datasets.FeatureDef;
import io.crossdistill.datasets.TaskDef;
import io.crossdistill.v1.Example;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureLookupTest {

  @Test
  void standardised_scalesEachDimension_andUnknownIdsGetTheMean() {
    FeatureLookup lookup = FeatureLookup.standardised("user_id", Map.of(1L, new float[] {1, 10}, 2L,
        new float[] {3, 30}));
    assertThat(lookup.dimension()).isEqualTo(2);
    assertThat(lookup.vector(1L)).containsExactly(-1f, -1f);
    assertThat(lookup.vector(2L)).containsExactly(1f, 1f);
    assertThat(lookup.vector(99L)).containsExactly(0f, 0f);
    assertThat(lookup.vector(null)).containsExactly(0f, 0f);
  }

  @Test
  void badTables_areRefusedWithTheOffendingId() {
    assertThatThrownBy(() -> FeatureLookup.standardised("user_id", Map.of())).hasMessageContaining("no entries");
    assertThatThrownBy(() -> FeatureLookup.standardised("user_id", new java.util.TreeMap<>(Map.of(1L,
        new float[] {1, 2}, 2L, new float[] {3})))).hasMessageContaining("id 2 has 1 values");
    assertThatThrownBy(() -> FeatureLookup.standardised("user_id", Map.of(1L, new float[] {Float.NaN})))
        .hasMessageContaining("NaN");
  }

  @Test
  void encoderWithLookup_appendsTheVectorOfEachExamplesRawId() {
    DomainSchema schema = new DomainSchema("music", List.of(FeatureDef.idFeature("user_id", 10, ""),
        FeatureDef.floatFeature("user_mean", "")), List.of(TaskDef.binary("love", "")));
    List<Example> train = List.of(example("a", 1, 2f, 1f), example("b", 2, 4f, 0f));
    ExampleEncoder base = ExampleEncoder.fit(schema, List.of("love"), train);
    FeatureLookup lookup = FeatureLookup.standardised("user_id", Map.of(1L, new float[] {0}, 2L, new float[] {2}));
    ExampleEncoder encoder = base.withLookup(lookup);
    assertThat(encoder.numericWidth()).isEqualTo(base.numericWidth() + 1);
    // user 3 was never seen in training: its id becomes the unknown id, but the lookup default is used
    EncodedExamples encoded = encoder.encode(List.of(example("c", 1, 3f, 1f), example("d", 3, 3f, 0f)));
    assertThat(encoded.data().numeric(0, 1)).isEqualTo(-1f);
    assertThat(encoded.data().numeric(1, 1)).isEqualTo(0f);
    assertThatThrownBy(() -> base.withLookup(FeatureLookup.standardised("item_id", Map.of(1L, new float[] {1}))))
        .hasMessageContaining("not an id feature");
  }

  private static Example example(String id, long user, float mean, float love) {
    return Example.newBuilder().setId(id).setDomain("music").setIdFeatures(Map.of("user_id", user))
        .setFloatFeatures(Map.of("user_mean", mean)).setLabels(Map.of("love", love)).build();
  }
}
