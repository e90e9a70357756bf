package io.crossdistill.models;

import java.util.Objects;

/**
 * One output head of a multi-task network: a linear map from the trunk's last layer to one number.
 *
 * @param name the head's name, unique within a network
 * @param objective the loss the head is trained with and the meaning of its output
 * @param weight the head's weight in the total loss (its loss is first averaged over labelled rows)
 * @param serving whether the head is served; auxiliary distillation heads are trained but never served
 * @param temperature the distillation temperature, used by {@link Objective#SOFT_CROSS_ENTROPY} only
 */
public record HeadSpec(String name, Objective objective, float weight, boolean serving, float temperature) {

  /** Validates the name, weight and temperature. */
  public HeadSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(objective, "objective");
    if (name.isBlank()) {
      throw new IllegalArgumentException("head name must not be blank");
    }
    if (!(weight >= 0f) || Float.isInfinite(weight)) {
      throw new IllegalArgumentException("head '" + name + "': weight must be finite and >= 0, got " + weight);
    }
    if (!(temperature > 0f) || Float.isInfinite(temperature)) {
      throw new IllegalArgumentException("head '" + name + "': temperature must be finite and > 0, got " + temperature);
    }
  }

  /** A served head with weight 1 (temperature 1). */
  public static HeadSpec serving(String name, Objective objective) {
    return new HeadSpec(name, objective, 1f, true, 1f);
  }

  /** An auxiliary head: trained with the given weight and temperature, never served. */
  public static HeadSpec auxiliary(String name, Objective objective, float weight, float temperature) {
    return new HeadSpec(name, objective, weight, false, temperature);
  }
}
