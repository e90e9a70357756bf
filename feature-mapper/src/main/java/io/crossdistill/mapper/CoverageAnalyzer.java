package io.crossdistill.mapper;

import io.crossdistill.mapper.internal.CoverageComputer;
import io.crossdistill.v1.TeacherSignature;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * Streams a data set through a mapping and reports, per teacher input, the defaulted fraction and the
 * drift (PSI, KS) of the mapped values against the teacher's training distribution. Memory stays flat
 * in the number of records.
 */
public final class CoverageAnalyzer {

  private CoverageAnalyzer() {
  }

  /**
   * @throws MappingValidationException when the spec is invalid
   */
  public static CoverageReport analyze(FeatureMappingSpec spec, TeacherSignature signature, Schema targetSchema,
      Iterable<? extends IndexedRecord> records, DriftThresholds thresholds) {
    return CoverageComputer.run(FeatureMapping.compile(spec, signature, targetSchema), spec, signature, records,
        thresholds);
  }
}
