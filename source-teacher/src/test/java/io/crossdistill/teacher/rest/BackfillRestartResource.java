package io.crossdistill.teacher.rest;

import io.crossdistill.teacher.TestTeacher;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Starts the service of {@link BackfillRestartTest} on the state a killed service left: the copy that
 * {@link BackfillApiTest} made of its data directory and teachers while a job was running (handed over in
 * system properties, since both run in one JVM, the profile-less classes first). The fixture teacher is
 * configured, so it serves from the start, as an operator's would. Without that copy (the class run alone)
 * it starts on empty directories and the test is skipped.
 */
public class BackfillRestartResource implements QuarkusTestResourceLifecycleManager {

  private static final String BASE = "crossdistill-test.killed-service.base";
  private static final String JOB = "crossdistill-test.killed-service.job";
  private static final String SET = "crossdistill-test.killed-service.set";

  /** Records the state a killed service left: its directories, the job that was running and its label set. */
  static void killedService(Path base, String jobId, String labelSet) {
    System.setProperty(BASE, base.toString());
    System.setProperty(JOB, jobId);
    System.setProperty(SET, labelSet);
  }

  /** The job that was running, when a killed service's state was recorded. */
  static Optional<String> runningJob() {
    return Optional.ofNullable(System.getProperty(JOB));
  }

  static String labelSet() {
    return System.getProperty(SET);
  }

  @Override
  public Map<String, String> start() {
    String base = System.getProperty(BASE);
    if (base == null) {
      try {
        Path empty = Files.createTempDirectory("crossdistill-restart-alone");
        return Map.of("crossdistill.data-dir", empty.resolve("data").toString(),
            "crossdistill.teacher.root", Files.createDirectories(empty.resolve("teachers")).toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Map.of(
        "crossdistill.data-dir", Path.of(base, "data").toString(),
        "crossdistill.teacher.root", Path.of(base, "teachers").toString(),
        "crossdistill.teacher.path", TestTeacher.DIR);
  }

  @Override
  public void stop() {
    // the directories are left for post-mortems
  }
}
