package io.crossdistill.teacher.config;

import io.quarkus.runtime.configuration.ConfigurationException;
import java.util.List;

/**
 * The service configuration has problems; the message lists every one, and the service does not start.
 * It is a Quarkus {@link ConfigurationException}, so a failed start prints this message alone on stderr
 * (no stack trace: the problems are the operator's to fix, not a bug) and exits non-zero.
 */
public final class InvalidConfigurationException extends ConfigurationException {

  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  public InvalidConfigurationException(List<String> problems) {
    super("invalid crossdistill configuration (" + problems.size() + " problem(s)):\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
