package io.crossdistill.student;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variants {@code student compare} knows, by name, each with the grid of teacher weights it chooses
 * from on the validation split (the weight with the lowest validation serving loss on the first seed of
 * each fraction is kept for every seed of that fraction; test is never read for it).
 */
public final class VariantCatalog {

  /**
   * One named variant and its weight grid.
   *
   * @param variant the variant (its teacher weight is replaced by the chosen grid value)
   * @param weights the teacher weights tried on validation; one value means no choice
   * @param description one line for help texts and docs
   */
  public record Entry(Variant variant, List<Double> weights, String description) {
    /** Copies the grid. */
    public Entry {
      weights = List.copyOf(weights);
    }
  }

  private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

  static {
    add(Variant.control(), List.of(0.0), "true labels only");
    add(new Variant("distilled", Variant.Distillation.AUXILIARY, 1, Variant.TeacherSource.SINGLE, false),
        List.of(0.5, 1.0, 2.0, 5.0), "auxiliary heads learn the aligned teacher labels");
    add(new Variant("direct", Variant.Distillation.DIRECT, 1, Variant.TeacherSource.SINGLE, false),
        List.of(0.5, 1.0, 2.0, 5.0), "serving heads learn a weighted mix of true and teacher labels");
    add(new Variant("representations", Variant.Distillation.AUXILIARY, 1, Variant.TeacherSource.SINGLE, true),
        List.of(1.0, 2.0, 5.0, 10.0), "auxiliary heads, plus the teacher's user representation as an input (a lookup)");
    add(new Variant("committee", Variant.Distillation.AUXILIARY, 1, Variant.TeacherSource.COMMITTEE, false),
        List.of(0.5, 1.0, 2.0, 5.0), "auxiliary heads learn the mean label of several teachers");
    add(new Variant("committee-representations", Variant.Distillation.AUXILIARY, 1, Variant.TeacherSource.COMMITTEE,
        true), List.of(1.0, 2.0, 5.0, 10.0), "the committee's mean labels, plus the teacher's user representation as an input");
    add(new Variant("adapter", Variant.Distillation.AUXILIARY, 1, Variant.TeacherSource.ADAPTED, false),
        List.of(0.5, 1.0, 2.0, 5.0), "auxiliary heads learn the teacher labels through an adapter fitted on all training labels");
  }

  private VariantCatalog() {
  }

  private static void add(Variant variant, List<Double> weights, String description) {
    ENTRIES.put(variant.name(), new Entry(variant, weights, description));
  }

  /** Every variant's name, control first. */
  public static List<String> names() {
    return List.copyOf(ENTRIES.keySet());
  }

  /** The entries of the given names, in catalog order, control always included. */
  public static List<Entry> select(List<String> names) {
    List<String> unknown = new ArrayList<>();
    for (String name : names) {
      if (!ENTRIES.containsKey(name)) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown variant(s) " + unknown + "; known: " + names());
    }
    List<Entry> out = new ArrayList<>();
    for (Entry e : ENTRIES.values()) {
      if (e.variant().name().equals(ModelRun.CONTROL) || names.contains(e.variant().name())) {
        out.add(e);
      }
    }
    return out;
  }
}
