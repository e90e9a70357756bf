package io.crossdistill.datasets;

import io.crossdistill.schemas.TaskKind;
import java.util.Objects;

/**
 * One prediction task of a domain: its label's name in {@code Example.labels} and its kind.
 *
 * @param name key in {@code Example.labels}
 * @param kind binary or regression
 * @param doc one sentence saying how the label is defined
 */
public record TaskDef(String name, TaskKind kind, String doc) {

  /** Validates the definition. */
  public TaskDef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(doc, "doc");
    if (name.isBlank()) {
      throw new IllegalArgumentException("task name is blank");
    }
  }

  /** A 0/1 task. */
  public static TaskDef binary(String name, String doc) {
    return new TaskDef(name, TaskKind.BINARY, doc);
  }

  /** A real-valued task. */
  public static TaskDef regression(String name, String doc) {
    return new TaskDef(name, TaskKind.REGRESSION, doc);
  }
}
