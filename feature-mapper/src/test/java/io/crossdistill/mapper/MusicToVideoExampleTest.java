package io.crossdistill.mapper;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossdistill.schemas.TeacherInputBatch;
import io.crossdistill.schemas.ValidationResult;
import io.crossdistill.v1.Example;
import io.crossdistill.v1.TeacherSignature;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worked example of docs/feature-mapping.md: music examples mapped to the demo's video teacher. */
class MusicToVideoExampleTest {

  private final TeacherSignature signature = VideoTeacher.signature();
  private final FeatureMappingSpec spec = MappingJson.read(VideoTeacher.specJson());

  @Test
  void validate_workedExample_hasNoErrorsAndNoWarnings() {
    ValidationResult result = FeatureMapping.validate(spec, signature, Example.getClassSchema());

    assertThat(result.errors()).isEmpty();
    assertThat(result.warnings()).isEmpty();
  }

  @Test
  void map_musicExample_writesEveryTeacherInputIntoItsSlot() {
    CompiledMapper mapper = FeatureMapping.compile(spec, signature, Example.getClassSchema());
    TeacherInputBatch batch = mapper.newBatch(4);
    List<BadRecord> bad = new ArrayList<>();

    boolean ok = mapper.map(VideoTeacher.music("m1", 42, 7, "jazz", "tv", 402.4f, 1.3f, List.of(1f, 2f, 3f, 4f)),
        batch, bad::add);

    assertThat(ok).isTrue();
    assertThat(bad).isEmpty();
    assertThat(batch.size()).isEqualTo(1);
    assertThat(mapper.defaultedFraction()).isEqualTo(3.0 / 11);
    // ids: user_id, item_id, genre, device, channel_id
    long[] ids = batch.ids();
    assertThat(ids[0]).isBetween(0L, 999L);
    assertThat(ids[1]).isBetween(0L, 4999L);
    assertThat(ids[2]).isEqualTo(11);
    assertThat(ids[3]).isEqualTo(2);
    assertThat(ids[4]).isEqualTo(0);
    // numeric: popularity, item_completion, engagement, user_embedding[4], video_duration, watch_history_len
    float[] numeric = batch.numeric();
    assertThat(numeric[0]).isEqualTo((float) ((Math.log1p(402.4f) - 6.0) / 2.0));
    assertThat(numeric[1]).isEqualTo(1.0f);
    assertThat(numeric[2]).isEqualTo((float) (0.5 * 0.2f + 0.5 * 0.1f));
    assertThat(new float[] {numeric[3], numeric[4], numeric[5], numeric[6]}).containsExactly(1f, 2f, 3f, 4f);
    assertThat(numeric[7]).isZero();
    assertThat(numeric[8]).isZero();
  }

  @Test
  void map_unknownGenreAndMissingDevice_fallBackToOtherwiseAndDefault() {
    CompiledMapper mapper = FeatureMapping.compile(spec, signature, Example.getClassSchema());
    TeacherInputBatch batch = mapper.newBatch(1);

    List<BadRecord> bad = new ArrayList<>();
    boolean ok = mapper.map(VideoTeacher.music("m2", 1, 2, "polka", null, 3f, 0.5f, null), batch, bad::add);

    assertThat(bad).isEmpty();

    assertThat(ok).isTrue();
    assertThat(batch.ids()[2]).isZero();
    assertThat(batch.ids()[3]).isZero();
  }

  @Test
  void analyze_musicData_reportsDefaultedInputsAndPopularityDrift() {
    List<Example> data = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      data.add(VideoTeacher.music("m" + i, i, i * 7L, i % 2 == 0 ? "rock" : "pop", i % 4 == 0 ? null : "mobile",
          i * 10f, 0.5f, null));
    }

    CoverageReport report = CoverageAnalyzer.analyze(spec, signature, Example.getClassSchema(), data,
        DriftThresholds.defaults());

    assertThat(report.records()).isEqualTo(200);
    assertThat(report.mapped()).isEqualTo(200);
    CoverageReport.InputCoverage device = report.inputs().get(6);
    assertThat(device.input()).isEqualTo("device");
    assertThat(device.defaultedFraction()).isEqualTo(0.25);
    assertThat(report.inputs().get(7).defaultedFraction()).isEqualTo(1.0);
    assertThat(report.inputs().get(8).rule()).isEqualTo("default");
    assertThat(report.inputs().get(3).drift()).isPresent();
    assertThat(report.toTable()).contains("popularity", "video_duration", "100.0%", "25.0%");
  }
}
