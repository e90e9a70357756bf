package io.crossdistill.student;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crossdistill.datasets.TaskDef;
import io.crossdistill.schemas.TaskKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a saved student serves and how, as {@code student.json} holds it beside the network: the variant
 * it was trained as, its serving tasks in head order with each task's regression scale ({@link
 * StudentPlan#scale}), and the encoder's JSON ({@link ExampleEncoder#toJson}).
 *
 * @param variant the variant, with the teacher weight it was trained with
 * @param tasks the serving tasks, in the order of the network's first heads
 * @param scales per task {mean, std}: a serving output is {@code head · std + mean}
 * @param encoder the encoder's JSON
 */
record StudentSignature(Variant variant, List<TaskDef> tasks, List<double[]> scales, JsonNode encoder) {

  static final String FORMAT = "crossdistill-student";
  static final int FORMAT_VERSION = 1;

  StudentSignature {
    tasks = List.copyOf(tasks);
    scales = List.copyOf(scales);
  }

  /** The signature of a trained student and its encoder. */
  static StudentSignature of(StudentPlan plan, ExampleEncoder encoder, ObjectMapper mapper) {
    List<double[]> scales = new ArrayList<>();
    for (int t = 0; t < plan.servingTasks().size(); t++) {
      scales.add(plan.scale(t));
    }
    return new StudentSignature(plan.variant(), plan.servingTasks(), scales, encoder.toJson(mapper));
  }

  ObjectNode toJson(ObjectMapper mapper) {
    ObjectNode root = mapper.createObjectNode();
    root.put("format", FORMAT);
    root.put("formatVersion", FORMAT_VERSION);
    ObjectNode v = root.putObject("variant");
    v.put("name", variant.name());
    v.put("distillation", variant.distillation().name().toLowerCase(Locale.ROOT));
    v.put("teacherWeight", variant.teacherWeight());
    v.put("teacherSource", variant.source().name().toLowerCase(Locale.ROOT));
    v.put("representations", variant.representations());
    ArrayNode taskNodes = root.putArray("tasks");
    for (int t = 0; t < tasks.size(); t++) {
      TaskDef task = tasks.get(t);
      taskNodes.addObject()
          .put("name", task.name())
          .put("kind", task.kind().name().toLowerCase(Locale.ROOT))
          .put("doc", task.doc())
          .put("output", task.kind() == TaskKind.BINARY ? "probability" : "value")
          .put("mean", scales.get(t)[0])
          .put("std", scales.get(t)[1]);
    }
    root.set("encoder", encoder);
    return root;
  }

  /** Parses {@link #toJson}'s output, adding every problem to {@code problems}; empty when there is any. */
  static Optional<StudentSignature> fromJson(JsonNode root, List<String> problems) {
    int before = problems.size();
    JsonFields.text(root, "format", "student.json", problems).filter(f -> !f.equals(FORMAT))
        .ifPresent(f -> problems.add("student.json.format: '" + f + "', expected '" + FORMAT + "'"));
    JsonFields.integer(root, "formatVersion", "student.json", problems).filter(n -> n != FORMAT_VERSION)
        .ifPresent(n -> problems.add("student.json.formatVersion: " + n + ", this version reads " + FORMAT_VERSION));
    Optional<Variant> variant = JsonFields.object(root, "variant", "student.json", problems)
        .flatMap(v -> variant(v, problems));
    List<TaskDef> tasks = new ArrayList<>();
    List<double[]> scales = new ArrayList<>();
    List<JsonNode> taskNodes = JsonFields.array(root, "tasks", "student.json", problems);
    if (taskNodes.isEmpty() && root.has("tasks")) {
      problems.add("student.json.tasks: a student serves at least one task");
    }
    for (int t = 0; t < taskNodes.size(); t++) {
      String at = "student.json.tasks[" + t + "]";
      JsonNode node = taskNodes.get(t);
      Optional<String> name = JsonFields.text(node, "name", at, problems);
      Optional<TaskKind> kind = JsonFields.text(node, "kind", at, problems).flatMap(k -> kind(k, at, problems));
      Optional<Double> mean = JsonFields.number(node, "mean", at, problems);
      Optional<Double> std = JsonFields.number(node, "std", at, problems);
      mean.filter(m -> !Double.isFinite(m)).ifPresent(m -> problems.add(at + ".mean: " + m + " is not finite"));
      std.filter(s -> !(s > 0) || Double.isInfinite(s))
          .ifPresent(s -> problems.add(at + ".std: must be finite and > 0, got " + s));
      if (name.isPresent() && kind.isPresent() && mean.isPresent() && std.isPresent()) {
        tasks.add(new TaskDef(name.get(), kind.get(), node.path("doc").asText("")));
        scales.add(new double[] {mean.get(), std.get()});
      }
    }
    Optional<JsonNode> encoder = JsonFields.object(root, "encoder", "student.json", problems);
    if (problems.size() > before) {
      return Optional.empty();
    }
    return Optional.of(new StudentSignature(variant.orElseThrow(), tasks, scales, encoder.orElseThrow()));
  }

  private static Optional<Variant> variant(JsonNode node, List<String> problems) {
    String at = "student.json.variant";
    int before = problems.size();
    Optional<String> name = JsonFields.text(node, "name", at, problems);
    Optional<Variant.Distillation> distillation = JsonFields.text(node, "distillation", at, problems)
        .flatMap(d -> constant(Variant.Distillation.class, d, at + ".distillation", problems));
    Optional<Double> weight = JsonFields.number(node, "teacherWeight", at, problems);
    Optional<Variant.TeacherSource> source = JsonFields.text(node, "teacherSource", at, problems)
        .flatMap(s -> constant(Variant.TeacherSource.class, s, at + ".teacherSource", problems));
    Optional<Boolean> representations = JsonFields.bool(node, "representations", at, problems);
    if (problems.size() > before) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Variant(name.get(), distillation.get(), weight.get(), source.get(), representations.get()));
    } catch (IllegalArgumentException e) {
      problems.add(at + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<TaskKind> kind(String text, String at, List<String> problems) {
    return constant(TaskKind.class, text, at + ".kind", problems);
  }

  private static <E extends Enum<E>> Optional<E> constant(Class<E> type, String text, String at, List<String> problems) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(text)) {
        return Optional.of(e);
      }
    }
    List<String> known = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      known.add(e.name().toLowerCase(Locale.ROOT));
    }
    problems.add(at + ": '" + text + "' is not one of " + known);
    return Optional.empty();
  }
}
