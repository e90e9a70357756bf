package io.crossdistill.mapper;

import java.util.List;
import java.util.Objects;

/**
 * Where one teacher input comes from: a {@link Source}, the {@link Transform} chain applied to a
 * field source's value, and the policy for records in which the field is missing.
 *
 * @param input      teacher input name
 * @param source     where the value comes from
 * @param transforms applied in order; only {@link Source.Field} rules may have transforms
 * @param onMissing  what to do when the field is absent
 */
public record Rule(String input, Source source, List<Transform> transforms, MissingPolicy onMissing) {

  public Rule {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(onMissing, "onMissing");
    transforms = List.copyOf(transforms);
  }

  /** A rule reading {@code path} through {@code transforms}, defaulting when the field is missing. */
  public static Rule from(String input, String path, Transform... transforms) {
    return new Rule(input, new Source.Field(path), List.of(transforms), MissingPolicy.DEFAULT);
  }

  /** A rule that writes the teacher's default value: the input has no target counterpart. */
  public static Rule defaulted(String input) {
    return new Rule(input, new Source.Default(), List.of(), MissingPolicy.DEFAULT);
  }

  /** A rule that always writes {@code value}. */
  public static Rule constant(String input, Literal value) {
    return new Rule(input, new Source.Constant(value), List.of(), MissingPolicy.DEFAULT);
  }

  /** This rule with another missing-value policy. */
  public Rule withOnMissing(MissingPolicy policy) {
    return new Rule(input, source, transforms, policy);
  }
}
