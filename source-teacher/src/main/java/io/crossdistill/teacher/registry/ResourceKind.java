package io.crossdistill.teacher.registry;

/** The kinds of versioned resources the registry keeps. */
public enum ResourceKind {
  /** A teacher artifact registered by path. */
  TEACHER,
  /** A team's target Avro schema. */
  SCHEMA,
  /** A feature mapping spec. */
  MAPPING,
  /** A task alignment spec. */
  ALIGNMENT;

  /** Lower-case name used in paths and messages. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
