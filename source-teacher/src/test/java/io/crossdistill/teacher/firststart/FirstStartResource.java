package io.crossdistill.teacher.firststart;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One data directory for every first-start test in this JVM, so the start that comes second finds what
 * the first one trained; each start logs to a file of its own ({@code start-N.log}) for the tests to read.
 * No teacher is configured, and training on first start is on, with the small simulator world.
 */
public class FirstStartResource implements QuarkusTestResourceLifecycleManager {

  static final String BASE_PROPERTY = "crossdistill-test.first-start.base";
  static final String LOG_PROPERTY = "crossdistill-test.first-start.log";

  /** The shared data directory. */
  static Path dataDir() {
    return Path.of(System.getProperty(BASE_PROPERTY)).resolve("data");
  }

  /** The log file of the start now running. */
  static Path logFile() {
    return Path.of(System.getProperty(LOG_PROPERTY));
  }

  @Override
  public Map<String, String> start() {
    try {
      if (System.getProperty(BASE_PROPERTY) == null) {
        System.setProperty(BASE_PROPERTY, Files.createTempDirectory("crossdistill-first-start").toString());
      }
      Path base = Path.of(System.getProperty(BASE_PROPERTY));
      Path log;
      int n = 1;
      do {
        log = base.resolve("start-" + n++ + ".log");
      } while (Files.exists(log));
      Files.createFile(log);
      System.setProperty(LOG_PROPERTY, log.toString());
      return Map.of(
          "crossdistill.data-dir", dataDir().toString(),
          "crossdistill.teacher.root", dataDir().resolve("teachers").toString(),
          "crossdistill.teacher.train-on-first-start", "true",
          "crossdistill.teacher.first-start-size", "small",
          "quarkus.log.file.enabled", "true",
          "quarkus.log.file.path", log.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    // left for post-mortems
  }
}
