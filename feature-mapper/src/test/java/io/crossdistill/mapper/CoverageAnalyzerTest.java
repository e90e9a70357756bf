package io.crossdistill.mapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.crossdistill.v1.FeatureStatistics;
import io.crossdistill.v1.InputType;
import io.crossdistill.v1.TeacherInput;
import io.crossdistill.v1.TeacherSignature;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** PSI, KS and defaulted fractions against hand-computed values. */
class CoverageAnalyzerTest {

  private static final Schema SCHEMA = SchemaBuilder.record("R").namespace("c").fields()
      .requiredString("id").optionalDouble("x").endRecord();

  private static final TeacherSignature SIGNATURE =
      signature(new FeatureStatistics(100L, 0.0, 1.0, -3.0, 3.0, List.of(0.0), List.of(0.5, 0.5)));

  /** Four bins: (-inf, -1), [-1, 0), [0, 1), [1, inf), the teacher's training values between -3 and 3. */
  private static final TeacherSignature FOUR_BINS = signature(new FeatureStatistics(100L, 0.0, 1.0, -3.0, 3.0,
      List.of(-1.0, 0.0, 1.0), List.of(0.1, 0.4, 0.3, 0.2)));

  private static TeacherSignature signature(FeatureStatistics x) {
    return TeacherSignature.newBuilder().setTeacherId("t").setHeads(List.of())
        .setInputs(List.of(
            TeacherInput.newBuilder().setName("x").setType(InputType.FLOAT).setDefaultValue(-1f).setStatistics(x).build(),
            TeacherInput.newBuilder().setName("gone").setType(InputType.FLOAT).build()))
        .build();
  }

  private static final FeatureMappingSpec SPEC = new FeatureMappingSpec("c", 1, "c.R",
      new FeatureMappingSpec.TeacherRef("t", ""), "/id",
      List.of(Rule.from("x", "/x", new Transform.Identity()), Rule.defaulted("gone")));

  private static GenericRecord record(int i, Double x) {
    GenericRecord r = new GenericData.Record(SCHEMA);
    r.put("id", "r" + i);
    r.put("x", x);
    return r;
  }

  @Test
  void analyze_shiftedDistribution_reportsPsiKsAndFlags() {
    List<GenericRecord> records = new ArrayList<>();
    for (int i = 0; i < 75; i++) {
      records.add(record(i, -0.5));
    }
    for (int i = 75; i < 100; i++) {
      records.add(record(i, 0.5));
    }
    records.add(record(100, Double.NaN));

    CoverageReport report = CoverageAnalyzer.analyze(SPEC, SIGNATURE, SCHEMA, records, DriftThresholds.defaults());

    assertThat(report.records()).isEqualTo(101);
    assertThat(report.mapped()).isEqualTo(100);
    assertThat(report.rejected()).isEqualTo(1);
    assertThat(report.sampleRejects()).singleElement().satisfies(b -> assertThat(b.recordId()).isEqualTo("r100"));
    CoverageReport.Drift drift = report.inputs().get(0).drift().orElseThrow();
    // (0.75 - 0.5) ln(0.75 / 0.5) + (0.25 - 0.5) ln(0.25 / 0.5)
    assertThat(drift.psi()).isCloseTo(0.25 * Math.log(1.5) + 0.25 * Math.log(2), within(1e-9));
    assertThat(drift.ks()).isCloseTo(0.25, within(1e-9));
    assertThat(drift.mappedMean()).isCloseTo(-0.25, within(1e-9));
    assertThat(report.inputs().get(0).flagged()).isTrue();
    assertThat(report.inputs().get(1).defaultedFraction()).isEqualTo(1.0);
    assertThat(report.inputs().get(1).drift()).isEmpty();
    assertThat(report.flagged()).extracting(CoverageReport.InputCoverage::input).containsExactly("x", "gone");
  }

  @Test
  void analyze_matchingDistributionWithMissingValues_countsDefaultsAndStaysUnflagged() {
    List<GenericRecord> records = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      records.add(record(i, i % 10 == 0 ? null : (i % 2 == 0 ? -0.5 : 0.5)));
    }

    CoverageReport report = CoverageAnalyzer.analyze(SPEC, SIGNATURE, SCHEMA, records,
        new DriftThresholds(0.2, 0.1, 0.5));

    CoverageReport.InputCoverage x = report.inputs().get(0);
    assertThat(x.defaultedFraction()).isEqualTo(0.1);
    // defaults (-1) fall into the lower bin: 50 + 10 of 100 below 0 would be 0.6, but the 10 defaulted rows
    // replace even ids only, so the lower bin holds exactly half
    assertThat(x.drift().orElseThrow().ks()).isCloseTo(0.0, within(1e-9));
    assertThat(x.flagged()).isFalse();
    assertThat(report.toTable()).contains("! gone").contains("  x ");
  }

  @Test
  void drift_showsTheHistogramsItIsComputedFrom_psiAndKsRecomputedFromThemMatch() {
    List<GenericRecord> records = new ArrayList<>();
    double[] values = {-2.5, -0.5, -0.4, 0.2, 0.3, 0.4, 0.6, 1.5, 7.0, -9.0, 0.0, 0.9};
    for (int i = 0; i < values.length; i++) {
      records.add(record(i, values[i]));
    }

    CoverageReport.Drift drift = CoverageAnalyzer.analyze(SPEC, FOUR_BINS, SCHEMA, records, DriftThresholds.defaults())
        .inputs().get(0).drift().orElseThrow();

    assertThat(drift.edges()).containsExactly(-3.0, -1.0, 0.0, 1.0, 3.0);
    assertThat(drift.teacherFractions()).containsExactly(0.1, 0.4, 0.3, 0.2);
    // below -1: -2.5, -9 (under the teacher's minimum, still the first bin); [-1, 0): -0.5, -0.4;
    // [0, 1): 0.2, 0.3, 0.4, 0.6, 0.0, 0.9; 1 and above: 1.5, 7 (over the maximum, still the last bin)
    assertThat(drift.mappedFractions()).containsExactly(2.0 / 12, 2.0 / 12, 6.0 / 12, 2.0 / 12);
    assertThat(drift.mappedFractions().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-12));
    double psi = 0;
    double ks = 0;
    double mappedSoFar = 0;
    double teacherSoFar = 0;
    for (int k = 0; k < 4; k++) {
      double a = Math.max(drift.mappedFractions().get(k), 1e-4);
      double e = Math.max(drift.teacherFractions().get(k), 1e-4);
      psi += (a - e) * Math.log(a / e);
      mappedSoFar += drift.mappedFractions().get(k);
      teacherSoFar += drift.teacherFractions().get(k);
      ks = Math.max(ks, Math.abs(mappedSoFar - teacherSoFar));
    }
    assertThat(drift.psi()).isCloseTo(psi, within(1e-12));
    assertThat(drift.ks()).isCloseTo(ks, within(1e-12));
  }

  @Test
  void drift_ofASampleAllInOneBin_isThatBinOnly_withTheSmoothedPsiOfEmptyBins() {
    for (int bin = 0; bin < 4; bin++) {
      double value = new double[] {-1.5, -0.5, 0.5, 2.5}[bin];
      List<GenericRecord> records = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        records.add(record(i, value));
      }

      CoverageReport.Drift drift = CoverageAnalyzer.analyze(SPEC, FOUR_BINS, SCHEMA, records,
          DriftThresholds.defaults()).inputs().get(0).drift().orElseThrow();

      List<Double> expected = new ArrayList<>(List.of(0.0, 0.0, 0.0, 0.0));
      expected.set(bin, 1.0);
      assertThat(drift.mappedFractions()).as("all at %s", value).isEqualTo(expected);
      double teacherShare = FOUR_BINS.getInputs().get(0).getStatistics().getBinFractions().get(bin);
      List<Double> teacher = FOUR_BINS.getInputs().get(0).getStatistics().getBinFractions();
      double below = teacher.subList(0, bin).stream().mapToDouble(Double::doubleValue).sum();
      double above = teacher.subList(bin + 1, 4).stream().mapToDouble(Double::doubleValue).sum();
      assertThat(drift.ks()).as("all at %s: the teacher's mass on either side", value)
          .isCloseTo(Math.max(below, above), within(1e-12));
      assertThat(drift.psi()).as("all at %s: a mass of 1 where the teacher had %s", value, teacherShare)
          .isGreaterThan((1 - teacherShare) * Math.log(1 / teacherShare));
    }
  }
}
