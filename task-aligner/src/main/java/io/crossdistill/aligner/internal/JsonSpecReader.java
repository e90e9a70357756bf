package io.crossdistill.aligner.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.crossdistill.aligner.DistillationLoss;
import io.crossdistill.aligner.DistillationSettings;
import io.crossdistill.aligner.TargetTask;
import io.crossdistill.aligner.TaskAlignmentSpec;
import io.crossdistill.aligner.TaskSource;
import io.crossdistill.aligner.Transform;
import io.crossdistill.schemas.JsonPointers;
import io.crossdistill.schemas.Problem;
import io.crossdistill.schemas.TaskKind;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Reads the JSON form of a spec from a Jackson tree, collecting every structural problem (missing or
 * mistyped field, unknown field, unknown type) with its pointer. Semantic checks against a teacher are
 * {@link SpecValidator}'s.
 */
public final class JsonSpecReader {

    private static final Set<String> SPEC_FIELDS = Set.of("name", "version", "description", "tasks");
    private static final Set<String> TASK_FIELDS = Set.of("name", "kind", "serving", "source", "distillation");
    private static final Set<String> DISTILLATION_FIELDS = Set.of("weight", "loss", "temperature");

    private final List<Problem> problems = new ArrayList<>();

    /** @return the spec, or empty with {@link #problems()} saying why */
    public Optional<TaskAlignmentSpec> read(JsonNode root) {
        if (root == null || !root.isObject()) {
            problems.add(new Problem("", "an alignment spec is a JSON object"));
            return Optional.empty();
        }
        unknownFields(root, "", SPEC_FIELDS);
        String name = text(root, "name", "", null);
        int version = integer(root, "version", "");
        String description = text(root, "description", "", "");
        List<TargetTask> tasks = new ArrayList<>();
        JsonNode array = root.get("tasks");
        if (array == null || array.isNull()) {
            missing("/tasks");
        } else if (!array.isArray()) {
            problems.add(new Problem("/tasks", "must be an array of tasks"));
        } else {
            for (int i = 0; i < array.size(); i++) {
                task(array.get(i), JsonPointers.child("/tasks", i)).ifPresent(tasks::add);
            }
        }
        return problems.isEmpty() ? Optional.of(new TaskAlignmentSpec(name, version, description, tasks)) : Optional.empty();
    }

    /** @return every problem found by {@link #read} */
    public List<Problem> problems() {
        return problems;
    }

    private Optional<TargetTask> task(JsonNode node, String at) {
        if (!node.isObject()) {
            problems.add(new Problem(at, "a task is a JSON object"));
            return Optional.empty();
        }
        unknownFields(node, at, TASK_FIELDS);
        String name = text(node, "name", at, null);
        Optional<TaskKind> kind = enumValue(node, "kind", at, TaskKind.class, true);
        boolean serving = bool(node, "serving", at, true);
        Optional<TaskSource> source = source(node.get("source"), at + "/source");
        DistillationSettings settings = distillation(node.get("distillation"), at + "/distillation");
        if (kind.isEmpty() || source.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TargetTask(name, kind.get(), serving, source.get(), settings));
    }

    private Optional<TaskSource> source(JsonNode node, String at) {
        Optional<String> type = type(node, at, "head, mix, auxiliary-only, not-distilled");
        if (type.isEmpty()) {
            return Optional.empty();
        }
        switch (type.get()) {
            case "head": {
                unknownFields(node, at, Set.of("type", "head", "transform"));
                String head = text(node, "head", at, null);
                JsonNode transformNode = node.get("transform");
                Optional<Transform> transform = transformNode == null || transformNode.isNull()
                        ? Optional.of(new Transform.Identity()) : transform(transformNode, at + "/transform");
                return transform.map(t -> new TaskSource.FromHead(head, t));
            }
            case "mix":
                return mix(node, at);
            case "auxiliary-only":
                unknownFields(node, at, Set.of("type", "head"));
                return Optional.of(new TaskSource.AuxiliaryOnly(text(node, "head", at, null)));
            case "not-distilled":
                unknownFields(node, at, Set.of("type"));
                return Optional.of(new TaskSource.NotDistilled());
            default:
                problems.add(new Problem(at + "/type", "unknown source type '" + type.get()
                        + "'; expected head, mix, auxiliary-only or not-distilled"));
                return Optional.empty();
        }
    }

    private Optional<TaskSource> mix(JsonNode node, String at) {
        unknownFields(node, at, Set.of("type", "heads", "bias"));
        double bias = number(node, "bias", at, OptionalDouble.of(0));
        JsonNode array = node.get("heads");
        List<TaskSource.WeightedHead> terms = new ArrayList<>();
        if (array == null || array.isNull()) {
            missing(at + "/heads");
            return Optional.empty();
        }
        if (!array.isArray()) {
            problems.add(new Problem(at + "/heads", "must be an array of {head, weight}"));
            return Optional.empty();
        }
        for (int j = 0; j < array.size(); j++) {
            JsonNode term = array.get(j);
            String termAt = JsonPointers.child(at + "/heads", j);
            if (!term.isObject()) {
                problems.add(new Problem(termAt, "a mix term is an object {head, weight}"));
                continue;
            }
            unknownFields(term, termAt, Set.of("head", "weight"));
            terms.add(new TaskSource.WeightedHead(text(term, "head", termAt, null), number(term, "weight", termAt, OptionalDouble.empty())));
        }
        return Optional.of(new TaskSource.Mix(terms, bias));
    }

    private Optional<Transform> transform(JsonNode node, String at) {
        Optional<String> type = type(node, at, "identity, temperature, affine, platt, isotonic, linear");
        if (type.isEmpty()) {
            return Optional.empty();
        }
        switch (type.get()) {
            case "identity":
                unknownFields(node, at, Set.of("type"));
                return Optional.of(new Transform.Identity());
            case "temperature":
                unknownFields(node, at, Set.of("type", "t"));
                return Optional.of(new Transform.Temperature(number(node, "t", at, OptionalDouble.empty())));
            case "affine":
                unknownFields(node, at, Set.of("type", "a", "b"));
                return Optional.of(new Transform.Affine(number(node, "a", at, OptionalDouble.empty()),
                        number(node, "b", at, OptionalDouble.of(0))));
            case "platt":
                unknownFields(node, at, Set.of("type", "a", "b"));
                return Optional.of(new Transform.Platt(optionalNumber(node, "a", at), optionalNumber(node, "b", at)));
            case "isotonic":
                unknownFields(node, at, Set.of("type", "x", "y"));
                return Optional.of(new Transform.Isotonic(numbers(node, "x", at), numbers(node, "y", at)));
            case "linear":
                unknownFields(node, at, Set.of("type", "slope", "intercept"));
                return Optional.of(new Transform.LinearFit(optionalNumber(node, "slope", at), optionalNumber(node, "intercept", at)));
            default:
                problems.add(new Problem(at + "/type", "unknown transform type '" + type.get()
                        + "'; expected identity, temperature, affine, platt, isotonic or linear"));
                return Optional.empty();
        }
    }

    private DistillationSettings distillation(JsonNode node, String at) {
        DistillationSettings defaults = DistillationSettings.DEFAULT;
        if (node == null || node.isNull()) {
            return defaults;
        }
        if (!node.isObject()) {
            problems.add(new Problem(at, "must be an object {weight, loss, temperature}"));
            return defaults;
        }
        unknownFields(node, at, DISTILLATION_FIELDS);
        double weight = number(node, "weight", at, OptionalDouble.of(defaults.weight()));
        DistillationLoss loss = enumValue(node, "loss", at, DistillationLoss.class, false).orElse(defaults.loss());
        double temperature = number(node, "temperature", at, OptionalDouble.of(defaults.temperature()));
        return new DistillationSettings(weight, loss, temperature);
    }

    private Optional<String> type(JsonNode node, String at, String expected) {
        if (node == null || node.isNull()) {
            missing(at);
            return Optional.empty();
        }
        if (!node.isObject()) {
            problems.add(new Problem(at, "must be an object with a 'type' (" + expected + ")"));
            return Optional.empty();
        }
        JsonNode type = node.get("type");
        if (type == null || !type.isTextual()) {
            problems.add(new Problem(at + "/type", "missing or not a string; expected one of " + expected));
            return Optional.empty();
        }
        return Optional.of(type.asText());
    }

    private void unknownFields(JsonNode node, String at, Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String field = names.next();
            if (!allowed.contains(field)) {
                problems.add(new Problem(JsonPointers.child(at, field), "unknown field '" + field + "'; expected one of "
                        + String.join(", ", allowed.stream().sorted().toList())));
            }
        }
    }

    private void missing(String pointer) {
        problems.add(new Problem(pointer, "missing required field"));
    }

    /** @param fallback value when absent; null makes the field required */
    private String text(JsonNode node, String field, String at, String fallback) {
        JsonNode value = node.get(field);
        String pointer = JsonPointers.child(at, field);
        if (value == null || value.isNull()) {
            if (fallback == null) {
                missing(pointer);
                return "";
            }
            return fallback;
        }
        if (!value.isTextual()) {
            problems.add(new Problem(pointer, "must be a string"));
            return "";
        }
        return value.asText();
    }

    private int integer(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        String pointer = JsonPointers.child(at, field);
        if (value == null || value.isNull()) {
            missing(pointer);
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            problems.add(new Problem(pointer, "must be an integer"));
            return 0;
        }
        return value.intValue();
    }

    private boolean bool(JsonNode node, String field, String at, boolean fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            problems.add(new Problem(JsonPointers.child(at, field), "must be true or false"));
            return fallback;
        }
        return value.booleanValue();
    }

    /** @param fallback value when absent; empty makes the field required */
    private double number(JsonNode node, String field, String at, OptionalDouble fallback) {
        JsonNode value = node.get(field);
        String pointer = JsonPointers.child(at, field);
        if (value == null || value.isNull()) {
            if (fallback.isEmpty()) {
                missing(pointer);
                return 0;
            }
            return fallback.getAsDouble();
        }
        if (!value.isNumber()) {
            problems.add(new Problem(pointer, "must be a number"));
            return 0;
        }
        return value.doubleValue();
    }

    private OptionalDouble optionalNumber(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(number(node, field, at, OptionalDouble.empty()));
    }

    private List<Double> numbers(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        String pointer = JsonPointers.child(at, field);
        List<Double> numbers = new ArrayList<>();
        if (value == null || value.isNull()) {
            return numbers;
        }
        if (!value.isArray()) {
            problems.add(new Problem(pointer, "must be an array of numbers"));
            return numbers;
        }
        for (int i = 0; i < value.size(); i++) {
            if (value.get(i).isNumber()) {
                numbers.add(value.get(i).doubleValue());
            } else {
                problems.add(new Problem(JsonPointers.child(pointer, i), "must be a number"));
            }
        }
        return numbers;
    }

    private <E extends Enum<E>> Optional<E> enumValue(JsonNode node, String field, String at, Class<E> type, boolean required) {
        JsonNode value = node.get(field);
        String pointer = JsonPointers.child(at, field);
        if (value == null || value.isNull()) {
            if (required) {
                missing(pointer);
            }
            return Optional.empty();
        }
        List<String> spellings = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            String spelling = JsonSpecWriter.spelling(constant);
            spellings.add(spelling);
            if (value.isTextual() && (value.asText().equals(spelling) || value.asText().equals(constant.name()))) {
                return Optional.of(constant);
            }
        }
        problems.add(new Problem(pointer, "must be one of " + String.join(", ", spellings)
                + (value.isTextual() ? ", was '" + value.asText() + "'" : "")));
        return Optional.empty();
    }
}
