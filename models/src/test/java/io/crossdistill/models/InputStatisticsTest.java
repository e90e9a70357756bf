package io.crossdistill.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.crossdistill.v1.FeatureStatistics;
import io.crossdistill.v1.TeacherSignature;
import org.junit.jupiter.api.Test;

class InputStatisticsTest {

  @Test
  void of_oneToTen_hasTenEqualBins() {
    FeatureStatistics stats = InputStatistics.of(new float[] {10, 9, 8, 7, 6, 5, 4, 3, 2, 1, Float.NaN});
    assertThat(stats.getCount()).isEqualTo(10);
    assertThat(stats.getMean()).isEqualTo(5.5);
    assertThat(stats.getStd()).isCloseTo(Math.sqrt(8.25), within(1e-12));
    assertThat(stats.getMin()).isEqualTo(1.0);
    assertThat(stats.getMax()).isEqualTo(10.0);
    assertThat(stats.getBinEdges()).containsExactly(2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);
    assertThat(stats.getBinFractions()).hasSize(10).allSatisfy(f -> assertThat(f).isCloseTo(0.1, within(1e-12)));
  }

  @Test
  void of_aConstant_mergesRepeatedEdges() {
    FeatureStatistics stats = InputStatistics.of(new float[] {3, 3, 3, 3});
    assertThat(stats.getBinEdges()).containsExactly(3.0);
    assertThat(stats.getBinFractions()).containsExactly(0.0, 1.0);
    assertThat(stats.getStd()).isZero();
  }

  @Test
  void withStatistics_describesEveryNumericInputAndPoolsVectors() {
    TabularData data = SyntheticTables.table(500, 61, 0.3);
    TeacherSignature signature = InputStatistics.withStatistics(TestSignatures.synthetic(), data);
    assertThat(signature.getInputs().get(2).getStatistics()).isEqualTo(InputStatistics.ofColumns(data, 2, 1));
    assertThat(signature.getInputs().get(5).getStatistics().getCount()).isEqualTo(1000); // vec: 2 columns pooled
    assertThat(signature.getInputs().get(4).getStatistics()).isNull(); // user id
    assertThat(TestSignatures.synthetic().getInputs().get(0).getStatistics()).isNull(); // input untouched
    double total = signature.getInputs().get(0).getStatistics().getBinFractions().stream().mapToDouble(d -> d).sum();
    assertThat(total).isCloseTo(1.0, within(1e-12));
  }
}
