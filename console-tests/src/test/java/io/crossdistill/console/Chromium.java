package io.crossdistill.console;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the system's Chromium and its ChromeDriver (Debian's {@code chromium} and {@code chromium-driver})
 * on the {@code PATH}, or where {@code -Dcrossdistill.console.chromium} / {@code
 * -Dcrossdistill.console.chromedriver} say. Absent binaries skip the browser tests with a message on a
 * developer machine and fail them on CI ({@code CI=true}), as absent shared data does.
 */
record Chromium(Path browser, Path driver) {

  static final String PACKAGES = "Debian's chromium and chromium-driver packages"
      + " (apt-get install chromium chromium-driver; .ci/run installs them)";

  /** The two binaries, or a skipped (locally) / failed (CI) test. */
  static Chromium require() {
    Optional<String> missing = missing();
    if (missing.isPresent()) {
      if (onCi()) {
        fail(missing.get() + "; CI=true, so this is an error, not a skip");
      }
      Assumptions.assumeTrue(false, missing.get());
    }
    return new Chromium(findBrowser().orElseThrow(), findDriver().orElseThrow());
  }

  /** What is missing, said for people, or empty when both binaries are there. */
  static Optional<String> missing() {
    boolean browser = findBrowser().isEmpty();
    boolean driver = findDriver().isEmpty();
    if (!browser && !driver) {
      return Optional.empty();
    }
    return Optional.of("the browser tests need " + PACKAGES + "; not found (on the PATH, or where"
        + " -Dcrossdistill.console.chromium / -Dcrossdistill.console.chromedriver say):"
        + (browser ? " chromium" : "") + (driver ? " chromedriver" : ""));
  }

  static boolean onCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  private static Optional<Path> findBrowser() {
    return find("crossdistill.console.chromium", "chromium", "chromium-browser");
  }

  private static Optional<Path> findDriver() {
    return find("crossdistill.console.chromedriver", "chromedriver");
  }

  private static Optional<Path> find(String property, String... names) {
    String configured = System.getProperty(property, "");
    if (!configured.isBlank()) {
      return Optional.of(Path.of(configured)).filter(Files::isExecutable);
    }
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(File.pathSeparator))
        .filter(dir -> !dir.isBlank())
        .flatMap(dir -> Stream.of(names).map(name -> Path.of(dir, name)))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
