package io.crossdistill.teacher.labels;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A fit request: which version of the alignment to fit (default the latest), the mapping that turns the
 * sample's records into teacher inputs ({@code name} or {@code name@version}), and the labelled sample.
 */
public record FitRequest(Integer version, String mapping, List<LabelledRecord> sample) {

  /** One labelled target record: the record, and its true label per target task. */
  public record LabelledRecord(JsonNode record, JsonNode labels) {
  }
}
