package io.crossdistill.aligner.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crossdistill.aligner.DistillationSettings;
import io.crossdistill.aligner.TargetTask;
import io.crossdistill.aligner.TaskAlignmentSpec;
import io.crossdistill.aligner.TaskSource;
import io.crossdistill.aligner.Transform;

import java.util.Locale;
import java.util.OptionalDouble;

/** Writes the JSON form of a spec as a Jackson tree; optional parts left at their defaults are omitted. */
public final class JsonSpecWriter {

    private final ObjectMapper mapper;

    public JsonSpecWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** @return the JSON spelling of an enum constant: lower case, '-' for '_' (e.g. {@code soft-cross-entropy}) */
    public static String spelling(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public ObjectNode write(TaskAlignmentSpec spec) {
        ObjectNode root = mapper.createObjectNode();
        root.put("name", spec.name());
        root.put("version", spec.version());
        if (!spec.description().isEmpty()) {
            root.put("description", spec.description());
        }
        ArrayNode tasks = root.putArray("tasks");
        for (TargetTask task : spec.tasks()) {
            tasks.add(task(task));
        }
        return root;
    }

    private ObjectNode task(TargetTask task) {
        ObjectNode node = mapper.createObjectNode();
        node.put("name", task.name());
        node.put("kind", spelling(task.kind()));
        node.put("serving", task.serving());
        node.set("source", source(task.source()));
        DistillationSettings settings = task.distillation();
        if (!settings.equals(DistillationSettings.DEFAULT)) {
            ObjectNode distillation = node.putObject("distillation");
            distillation.put("weight", settings.weight());
            distillation.put("loss", spelling(settings.loss()));
            distillation.put("temperature", settings.temperature());
        }
        return node;
    }

    private ObjectNode source(TaskSource source) {
        ObjectNode node = mapper.createObjectNode();
        node.put("type", source.type());
        if (source instanceof TaskSource.FromHead fromHead) {
            node.put("head", fromHead.head());
            node.set("transform", transform(fromHead.transform()));
        } else if (source instanceof TaskSource.Mix mix) {
            ArrayNode heads = node.putArray("heads");
            for (TaskSource.WeightedHead term : mix.heads()) {
                heads.addObject().put("head", term.head()).put("weight", term.weight());
            }
            node.put("bias", mix.bias());
        } else if (source instanceof TaskSource.AuxiliaryOnly auxiliary) {
            node.put("head", auxiliary.head());
        }
        return node;
    }

    private ObjectNode transform(Transform transform) {
        ObjectNode node = mapper.createObjectNode();
        node.put("type", transform.type());
        if (transform instanceof Transform.Temperature temperature) {
            node.put("t", temperature.t());
        } else if (transform instanceof Transform.Affine affine) {
            node.put("a", affine.a()).put("b", affine.b());
        } else if (transform instanceof Transform.Platt platt) {
            optional(node, "a", platt.a());
            optional(node, "b", platt.b());
        } else if (transform instanceof Transform.Isotonic isotonic) {
            if (!isotonic.x().isEmpty() || !isotonic.y().isEmpty()) {
                ArrayNode x = node.putArray("x");
                isotonic.x().forEach(x::add);
                ArrayNode y = node.putArray("y");
                isotonic.y().forEach(y::add);
            }
        } else if (transform instanceof Transform.LinearFit linear) {
            optional(node, "slope", linear.slope());
            optional(node, "intercept", linear.intercept());
        }
        return node;
    }

    private static void optional(ObjectNode node, String field, OptionalDouble value) {
        if (value.isPresent()) {
            node.put(field, value.getAsDouble());
        }
    }
}
