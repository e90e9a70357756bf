package io.crossdistill.console;

import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips a browser test class, with the reason, when Chromium or ChromeDriver is not installed, except on CI
 * ({@code CI=true}): there the class runs and fails in {@link Chromium#require()}. The reason is also
 * logged once, so that a build's output says why no browser test ran.
 */
final class ChromiumRequired implements ExecutionCondition {

  private static final System.Logger LOG = System.getLogger(ChromiumRequired.class.getName());
  private static boolean logged;

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<String> missing = Chromium.missing();
    if (missing.isEmpty() || Chromium.onCi()) {
      return ConditionEvaluationResult.enabled("Chromium and ChromeDriver found, or CI=true");
    }
    synchronized (ChromiumRequired.class) {
      if (!logged) {
        LOG.log(System.Logger.Level.WARNING, "browser tests skipped: " + missing.get());
        logged = true;
      }
    }
    return ConditionEvaluationResult.disabled(missing.get());
  }
}
