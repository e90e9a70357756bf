package io.crossdistill.student;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crossdistill.datasets.TaskDef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TaskMetrics against scikit-learn on a committed fixture (made by src/test/fixtures/make_report_fixtures.py). */
class TaskMetricsTest {

  @Test
  void of_binaryTask_matchesScikitLearnAucLogLossAndEce() throws IOException {
    float[][] columns = fixture();
    TaskMetrics m = TaskMetrics.of(TaskDef.binary("love", "doc"), columns[0], columns[1]);
    JsonNode expected = expected();
    assertThat(m.auc().getAsDouble()).isCloseTo(expected.get("auc").asDouble(), within(1e-12));
    assertThat(m.logLoss().getAsDouble()).isCloseTo(expected.get("logLoss").asDouble(), within(1e-9));
    assertThat(m.ece().getAsDouble()).isCloseTo(expected.get("ece").asDouble(), within(1e-9));
    assertThat(m.values()).containsOnlyKeys("auc", "logLoss", "ece");
    assertThat(m.r2()).isEmpty();
  }

  @Test
  void of_regressionTask_matchesScikitLearnR2AndRmse() throws IOException {
    float[][] columns = fixture();
    TaskMetrics m = TaskMetrics.of(TaskDef.regression("spend", "doc"), columns[2], columns[3]);
    JsonNode expected = expected();
    assertThat(m.r2().getAsDouble()).isCloseTo(expected.get("r2").asDouble(), within(1e-9));
    assertThat(m.rmse().getAsDouble()).isCloseTo(expected.get("rmse").asDouble(), within(1e-9));
    assertThat(m.headline()).isEqualTo(m.r2());
    assertThat(m.auc()).isEmpty();
  }

  @Test
  void auc_withOneClass_isEmptyButKeptAsNaNInTheValues() {
    TaskMetrics m = TaskMetrics.of(TaskDef.binary("love", "doc"), new float[] {1, 2}, new float[] {1, 1});
    assertThat(m.auc()).isEmpty();
    assertThat(m.values().get("auc")).isNaN();
  }

  @Test
  void constructor_withAMetricOfTheOtherKind_isRejected() {
    assertThatThrownBy(() -> new TaskMetrics(TaskDef.regression("spend", "doc"), Map.of("auc", 0.5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("auc");
  }

  static JsonNode expected() throws IOException {
    try (InputStream in = TaskMetricsTest.class.getResourceAsStream("/report/expected.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  /** The fixture's four columns: logit, label, prediction, target. */
  private static float[][] fixture() throws IOException {
    List<String> lines;
    try (InputStream in = TaskMetricsTest.class.getResourceAsStream("/report/metrics-fixture.csv")) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
    }
    float[][] columns = new float[4][lines.size()];
    for (int r = 0; r < lines.size(); r++) {
      String[] cells = lines.get(r).split(",");
      for (int c = 0; c < 4; c++) {
        columns[c][r] = cells[c].equals("nan") ? Float.NaN : Float.parseFloat(cells[c]);
      }
    }
    return columns;
  }
}
