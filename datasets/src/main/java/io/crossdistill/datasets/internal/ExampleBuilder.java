package io.crossdistill.datasets.internal;

import io.crossdistill.v1.Example;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds one {@link Example} with every map a {@link TreeMap}, so that equal examples serialise to
 * equal bytes. Not reusable: call {@link #build()} once.
 */
public final class ExampleBuilder {

  private final String id;
  private final String domain;
  private long eventTimeMillis;
  private final Map<String, Float> floats = new TreeMap<>();
  private final Map<String, Long> ids = new TreeMap<>();
  private final Map<String, Float> labels = new TreeMap<>();

  /** Starts an example with its id and domain. */
  public ExampleBuilder(String id, String domain) {
    this.id = id;
    this.domain = domain;
  }

  /** Sets the event time. */
  public ExampleBuilder time(long millis) {
    this.eventTimeMillis = millis;
    return this;
  }

  /** Adds a FLOAT feature. */
  public ExampleBuilder floatFeature(String name, double value) {
    floats.put(name, (float) value);
    return this;
  }

  /** Adds an ID feature. */
  public ExampleBuilder idFeature(String name, long value) {
    ids.put(name, value);
    return this;
  }

  /** Adds a regression label. */
  public ExampleBuilder label(String task, double value) {
    labels.put(task, (float) value);
    return this;
  }

  /** Adds a binary label as 0 or 1. */
  public ExampleBuilder label(String task, boolean value) {
    labels.put(task, value ? 1f : 0f);
    return this;
  }

  /** The finished example. */
  public Example build() {
    return Example.newBuilder()
        .setId(id)
        .setDomain(domain)
        .setEventTimeMillis(eventTimeMillis)
        .setFloatFeatures(floats)
        .setIdFeatures(ids)
        .setStringFeatures(new TreeMap<>())
        .setVectorFeatures(new TreeMap<>())
        .setLabels(labels)
        .build();
  }

  /** An example id such as {@code music-train-000123}. */
  public static String exampleId(String domain, String part, long index) {
    return String.format(java.util.Locale.ROOT, "%s-%s-%06d", domain, part, index);
  }
}
