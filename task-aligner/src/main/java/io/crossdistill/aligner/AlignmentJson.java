package io.crossdistill.aligner;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.crossdistill.aligner.internal.JsonSpecReader;
import io.crossdistill.aligner.internal.JsonSpecWriter;
import io.crossdistill.schemas.Problem;

import java.util.List;

/**
 * The JSON form of a {@link TaskAlignmentSpec}, for people and the REST API; {@code docs/task-alignment.md}
 * describes the language. Reading reports every structural problem at once (missing, mistyped, unknown or
 * duplicated fields), each with its JSON pointer; checks against a teacher are {@link TaskAligner#validate}'s.
 */
public final class AlignmentJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private AlignmentJson() {
    }

    /**
     * @param json a spec in JSON
     * @return the spec
     * @throws AlignmentException listing every structural problem
     */
    public static TaskAlignmentSpec read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AlignmentException("not a JSON alignment spec",
                    List.of(new Problem("", "not valid JSON: " + e.getOriginalMessage())));
        }
        return read(root);
    }

    /**
     * @param root a spec already parsed by Jackson (e.g. a REST request body)
     * @return the spec
     * @throws AlignmentException listing every structural problem
     */
    public static TaskAlignmentSpec read(JsonNode root) {
        JsonSpecReader reader = new JsonSpecReader();
        return reader.read(root).orElseThrow(() -> new AlignmentException("not a valid alignment spec", reader.problems()));
    }

    /** @return the spec as a Jackson tree */
    public static JsonNode toTree(TaskAlignmentSpec spec) {
        return new JsonSpecWriter(MAPPER).write(spec);
    }

    /** @return the spec as indented JSON */
    public static String write(TaskAlignmentSpec spec) {
        try {
            return MAPPER.writeValueAsString(toTree(spec));
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serialises; this would be a Jackson bug.
            throw new IllegalStateException("cannot write alignment spec as JSON", e);
        }
    }
}
