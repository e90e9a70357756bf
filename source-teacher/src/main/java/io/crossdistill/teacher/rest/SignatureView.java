package io.crossdistill.teacher.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.crossdistill.v1.FeatureStatistics;
import io.crossdistill.v1.TeacherInput;
import io.crossdistill.v1.TeacherSignature;
import java.util.List;

/** A teacher signature as JSON: inputs with defaults and training statistics, heads, and provenance. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SignatureView(String teacherId, String contentHash, String sourceDomain, List<InputView> inputs,
    List<HeadView> heads, LabelViews.ProvenanceView provenance) {

  /** One input. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record InputView(String name, String type, int cardinality, int dimension, Object defaultValue,
      StatisticsView statistics) {
  }

  /** Training distribution of a numeric input. */
  public record StatisticsView(long count, double mean, double std, double min, double max, List<Double> binEdges,
      List<Double> binFractions) {
  }

  /** One head. */
  public record HeadView(String name, String kind) {
  }

  public static SignatureView of(TeacherSignature s) {
    return new SignatureView(s.getTeacherId(), s.getContentHash(), s.getSourceDomain(),
        s.getInputs().stream().map(SignatureView::input).toList(),
        s.getHeads().stream().map(h -> new HeadView(h.getName(), h.getKind().name())).toList(),
        s.getProvenance() == null ? null : LabelViews.of(s.getProvenance()));
  }

  private static InputView input(TeacherInput i) {
    Object value = i.getDefaultValue();
    if (value instanceof CharSequence text) {
      value = text.toString();
    }
    FeatureStatistics st = i.getStatistics();
    StatisticsView stats = st == null ? null : new StatisticsView(st.getCount(), st.getMean(), st.getStd(), st.getMin(),
        st.getMax(), st.getBinEdges(), st.getBinFractions());
    return new InputView(i.getName(), i.getType().name(), i.getCardinality(), i.getDimension(), value, stats);
  }
}
