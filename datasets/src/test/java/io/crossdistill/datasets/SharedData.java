package io.crossdistill.datasets;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the read-only shared data sets ({@code ../shared/data} from the project root). Absent data
 * skips a test with a message on a developer machine and fails it on CI ({@code CI=true}).
 */
public final class SharedData {

  static final String PROPERTY = "crossdistill.shared.data";

  private SharedData() {
  }

  /** The folder of one shared data set, or a skipped (locally) / failed (CI) test. */
  public static Path require(String dataSet) {
    Path root = root();
    Path dir = root.resolve(dataSet);
    if (!Files.isDirectory(dir)) {
      String message = "shared data set " + dataSet + " not found under " + root
          + " (set -D" + PROPERTY + "=<dir> or place the data at ../shared/data)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message + "; CI=true, so this is an error, not a skip");
      }
      Assumptions.assumeTrue(false, message);
    }
    return dir;
  }

  private static Path root() {
    String property = System.getProperty(PROPERTY, "");
    if (!property.isBlank()) {
      return Path.of(property).normalize();
    }
    // surefire runs in the module folder; the project root is its parent
    Path module = Path.of("").toAbsolutePath();
    Path projectRoot = module.getParent() == null ? module : module.getParent();
    return projectRoot.resolve("../shared/data").normalize();
  }
}
