package io.crossdistill.teacher.config;

import java.util.List;

/** The service configuration has problems; the message lists every one, and the service does not start. */
public final class InvalidConfigurationException extends RuntimeException {

  private final transient List<String> problems;

  public InvalidConfigurationException(List<String> problems) {
    super("invalid crossdistill configuration (" + problems.size() + " problem(s)):\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
