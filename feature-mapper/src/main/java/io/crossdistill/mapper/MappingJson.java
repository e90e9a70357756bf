package io.crossdistill.mapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.crossdistill.mapper.internal.SpecJsonReader;
import io.crossdistill.mapper.internal.SpecJsonWriter;
import io.crossdistill.schemas.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON form of a {@link FeatureMappingSpec}, the one people write and the REST API takes. Reading
 * reports every structural problem at once; {@code read(write(spec))} equals {@code spec}.
 * Non-finite numbers are read and written as the bare tokens {@code NaN} and {@code Infinity} so that
 * the round trip stays lossless (validation then rejects them).
 */
public final class MappingJson {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
      .build();

  private MappingJson() {
  }

  /**
   * Parses a spec.
   *
   * @throws MappingValidationException listing every problem when the text is not a well-formed spec
   */
  public static FeatureMappingSpec read(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw notJson(e);
    }
    return read(root);
  }

  /** Parses a spec from a stream (not closed). */
  public static FeatureMappingSpec read(InputStream json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw notJson(e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read feature mapping spec", e);
    }
    return read(root);
  }

  /** Parses a spec from an already parsed JSON tree (e.g. a REST request body). */
  public static FeatureMappingSpec read(JsonNode root) {
    if (root == null || root.isMissingNode()) {
      throw new MappingValidationException(List.of(new Problem("", "the spec is empty")), List.of());
    }
    SpecJsonReader reader = new SpecJsonReader();
    FeatureMappingSpec spec = reader.read(root);
    if (spec == null) {
      throw new MappingValidationException(reader.problems(), List.of());
    }
    return spec;
  }

  /** Pretty-printed JSON, fields in a fixed order, so equal specs give equal text. */
  public static String write(FeatureMappingSpec spec) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(SpecJsonWriter.write(spec));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  private static MappingValidationException notJson(JsonProcessingException e) {
    String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
        + e.getLocation().getColumnNr();
    return new MappingValidationException(List.of(new Problem("", "not valid JSON" + where + ": "
        + e.getOriginalMessage())), List.of());
  }
}
