package io.crossdistill.aligner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crossdistill.schemas.Problem;
import io.crossdistill.schemas.TaskKind;
import io.crossdistill.v1.TeacherSignature;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Fuzz: valid specs broken by mutations that each make a spec invalid, many at a time. Every one must be
 * rejected with at least one problem (by reading or by validation for apply) and nothing but an
 * {@link AlignmentException} may be thrown. Random noise mutations (which may or may not invalidate) must
 * never throw anything else either.
 */
class InvalidSpecFuzzTest {

    private static final int INVALID_CASES = 12_000;
    private static final int NOISE_CASES = 3_000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private record Base(JsonNode json, TeacherSignature signature) {
    }

    private static List<Base> bases() {
        TaskAlignmentSpec isotonic = new TaskAlignmentSpec("iso", 3, "", List.of(
                TargetTask.of("like", TaskKind.BINARY, true, Fixtures.head("like",
                        new Transform.Isotonic(List.of(-1.0, 0.0, 2.0), List.of(0.1, 0.5, 0.8)))),
                TargetTask.of("click", TaskKind.BINARY, true, Fixtures.head("click", Transform.Platt.fitted(0.7, -0.2))),
                TargetTask.of("listen", TaskKind.REGRESSION, true, new TaskSource.Mix(List.of(
                        new TaskSource.WeightedHead("watch_time", 0.01)), 1.0))));
        return List.of(
                new Base(AlignmentJson.toTree(Fixtures.homepageFixed()), Fixtures.videoTeacher()),
                new Base(AlignmentJson.toTree(Fixtures.amazon()), Fixtures.amazonTeacher()),
                new Base(AlignmentJson.toTree(isotonic), Fixtures.videoTeacher()));
    }

    @Test
    void bases_areValidForApply() {
        for (Base base : bases()) {
            assertThat(rejection(base.json(), base.signature())).isEmpty();
        }
    }

    @Test
    void invalidSpecs_areAllRejectedWithProblemsAndNothingElseThrown() {
        SplittableRandom random = new SplittableRandom(6);
        List<Base> bases = bases();
        for (int c = 0; c < INVALID_CASES; c++) {
            Base base = bases.get(random.nextInt(bases.size()));
            ObjectNode spec = base.json().deepCopy();
            int mutations = 1 + random.nextInt(3);
            List<String> applied = new ArrayList<>();
            for (int m = 0; m < mutations; m++) {
                applied.add(breakSpec(spec, random));
            }
            List<Problem> problems = rejection(spec, base.signature());
            if (problems.isEmpty()) {
                fail("case " + c + " (" + applied + ") was accepted: " + spec);
            }
            for (Problem problem : problems) {
                assertThat(problem.pointer()).matches("(/.*)?");
                assertThat(problem.message()).isNotBlank();
            }
        }
    }

    @Test
    void noisySpecs_neverThrowAnythingButAlignmentException() {
        SplittableRandom random = new SplittableRandom(66);
        List<Base> bases = bases();
        for (int c = 0; c < NOISE_CASES; c++) {
            Base base = bases.get(random.nextInt(bases.size()));
            JsonNode spec = base.json().deepCopy();
            for (int m = 0; m < 1 + random.nextInt(4); m++) {
                spec = replaceRandomNode(spec, random);
            }
            rejection(spec, base.signature());
        }
    }

    @Test
    void modelSpecsWithNonFiniteNumbers_areAllRejected() {
        double[] bad = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        SplittableRandom random = new SplittableRandom(7);
        for (int c = 0; c < 1_000; c++) {
            double value = bad[random.nextInt(bad.length)];
            TargetTask task = switch (random.nextInt(6)) {
                case 0 -> TargetTask.of("t", TaskKind.BINARY, true, Fixtures.head("click"))
                        .withDistillation(new DistillationSettings(value, DistillationLoss.LOGIT_MSE, 1));
                case 1 -> TargetTask.of("t", TaskKind.BINARY, true, Fixtures.head("click"))
                        .withDistillation(new DistillationSettings(1, DistillationLoss.LOGIT_MSE, value));
                case 2 -> TargetTask.of("t", TaskKind.BINARY, true, Fixtures.head("click", new Transform.Affine(value, 0)));
                case 3 -> TargetTask.of("t", TaskKind.BINARY, true, Fixtures.head("click", Transform.Platt.fitted(1, value)));
                case 4 -> TargetTask.of("t", TaskKind.REGRESSION, true, Fixtures.head("watch_time", Transform.LinearFit.fitted(value, 1)));
                default -> TargetTask.of("t", TaskKind.BINARY, true, new TaskSource.Mix(List.of(
                        new TaskSource.WeightedHead("like", value)), 0));
            };
            TaskAlignmentSpec spec = new TaskAlignmentSpec("n", 1, "", List.of(task));
            assertThat(TaskAligner.validateForApply(spec, Fixtures.videoTeacher()).errors()).isNotEmpty();
        }
    }

    /** @return the problems that reject the spec, empty if it is accepted; fails on any other exception */
    private static List<Problem> rejection(JsonNode json, TeacherSignature signature) {
        try {
            TaskAlignmentSpec spec = AlignmentJson.read(json);
            TaskAligner.compile(spec, signature);
            return List.of();
        } catch (AlignmentException e) {
            assertThat(e.problems()).isNotEmpty();
            return e.problems();
        } catch (RuntimeException e) {
            throw new AssertionError("unexpected " + e + " for " + json, e);
        }
    }

    /** Applies one mutation that makes any spec invalid; returns its name. */
    private static String breakSpec(ObjectNode spec, SplittableRandom random) {
        ArrayNode tasks = spec.get("tasks") instanceof ArrayNode array ? array : null;
        ObjectNode task = tasks != null && tasks.size() > 0 && tasks.get(0).isObject()
                ? (ObjectNode) tasks.get(random.nextInt(tasks.size())) : null;
        if (task == null || !task.isObject()) {
            spec.put("version", 0);
            return "version 0";
        }
        ObjectNode source = task.get("source") instanceof ObjectNode object ? object : null;
        switch (random.nextInt(16)) {
            case 0:
                spec.put("version", random.nextBoolean() ? 0 : -random.nextInt(1, 100));
                return "version";
            case 1:
                spec.remove(List.of("name", "version", "tasks").get(random.nextInt(3)));
                return "spec field removed";
            case 2:
                task.remove(List.of("name", "kind", "source").get(random.nextInt(3)));
                return "task field removed";
            case 3:
                task.put("extra_" + random.nextInt(100), 1);
                return "unknown field";
            case 4:
                tasks.add(task.deepCopy());
                return "task named twice";
            case 5:
                task.putObject("distillation").put("weight", -random.nextDouble(0.001, 10));
                return "negative weight";
            case 6:
                task.putObject("distillation").put("temperature", random.nextBoolean() ? 0 : -1.5);
                return "temperature not above 0";
            case 7:
                task.put("name", "");
                return "empty task name";
            case 8:
                task.put("kind", "ternary");
                return "unknown kind";
            case 9:
                task.put("serving", "yes");
                return "serving not boolean";
            case 10:
                task.putObject("source").put("type", "auxiliary-only").put("head", "no_such_head");
                return "unknown auxiliary head";
            case 11:
                task.putObject("source").put("type", "head").put("head", "h" + random.nextInt(1000));
                return "unknown head";
            case 12:
                ObjectNode fitted = task.putObject("source").put("type", "head").put("head", firstHeadOf(source));
                fitted.putObject("transform").put("type", List.of("platt", "isotonic", "linear").get(random.nextInt(3)));
                return "fitted transform without parameters";
            case 13:
                task.putObject("source").put("type", "mix").putArray("heads");
                return "empty mix";
            case 14:
                ObjectNode iso = task.putObject("source").put("type", "head").put("head", firstHeadOf(source));
                ObjectNode transform = iso.putObject("transform").put("type", "isotonic");
                transform.putArray("x").add(1.0).add(random.nextBoolean() ? 0.5 : 1.0);
                transform.putArray("y").add(0.2).add(0.3);
                return "isotonic knots not increasing";
            default:
                task.putObject("source").put("type", random.nextBoolean() ? "teacher" : "");
                return "unknown source type";
        }
    }

    private static String firstHeadOf(ObjectNode source) {
        if (source != null && source.get("head") != null && source.get("head").isTextual()) {
            return source.get("head").asText();
        }
        return "click";
    }

    private static JsonNode replaceRandomNode(JsonNode root, SplittableRandom random) {
        List<JsonNode> containers = new ArrayList<>();
        collectContainers(root, containers);
        if (containers.isEmpty()) {
            return random.nextBoolean() ? root : NODES.objectNode();
        }
        JsonNode target = containers.get(random.nextInt(containers.size()));
        JsonNode replacement = randomValue(random);
        if (target instanceof ObjectNode object && object.size() > 0) {
            List<String> names = new ArrayList<>();
            Iterator<String> it = object.fieldNames();
            it.forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            if (random.nextInt(4) == 0) {
                object.remove(name);
            } else {
                object.set(name, replacement);
            }
        } else if (target instanceof ArrayNode array && array.size() > 0) {
            array.set(random.nextInt(array.size()), replacement);
        } else if (random.nextInt(8) == 0) {
            return replacement;
        }
        return root;
    }

    private static void collectContainers(JsonNode node, List<JsonNode> into) {
        if (node.isContainerNode()) {
            into.add(node);
            node.elements().forEachRemaining(child -> collectContainers(child, into));
        }
    }

    private static JsonNode randomValue(SplittableRandom random) {
        switch (random.nextInt(9)) {
            case 0: return NODES.nullNode();
            case 1: return NODES.booleanNode(random.nextBoolean());
            case 2: return NODES.numberNode(random.nextInt(-3, 5));
            case 3: return NODES.numberNode(random.nextDouble(-1e6, 1e6));
            case 4: return NODES.numberNode(Long.MAX_VALUE);
            case 5: return NODES.textNode(List.of("", "click", "binary", "head", "mix", "platt", "not-distilled").get(random.nextInt(7)));
            case 6: return NODES.arrayNode().add(random.nextInt(3));
            case 7: return NODES.objectNode().put("type", List.of("head", "mix", "isotonic", "identity").get(random.nextInt(4)));
            default: return NODES.objectNode();
        }
    }
}
