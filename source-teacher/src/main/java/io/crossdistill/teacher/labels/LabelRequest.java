package io.crossdistill.teacher.labels;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A JSON labels request: mapping and alignment as {@code name} or {@code name@version}, and the records. */
public record LabelRequest(String mapping, String alignment, List<JsonNode> records) {
}
