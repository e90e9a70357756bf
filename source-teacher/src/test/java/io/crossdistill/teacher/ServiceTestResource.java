package io.crossdistill.teacher;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Gives the service under test a fresh data directory and teachers root, once for every
 * {@code @QuarkusTest} class. The fixture teacher is trained by {@link TestTeacher} inside the running
 * application (test resources run in another class loader than the application's Avro classes) and
 * registered through the API, as an operator would.
 */
public class ServiceTestResource implements QuarkusTestResourceLifecycleManager {

  static final String BASE_PROPERTY = "crossdistill-test.base";
  /** Profiles that bring their own data directory (this resource applies to every test class). */
  private static final Set<String> OWN_DATA_DIR_PROFILES = Set.of(
      io.crossdistill.teacher.firststart.DemoTeacherFirstStartProfile.class.getName(),
      io.crossdistill.teacher.firststart.DemoTeacherSecondStartProfile.class.getName(),
      io.crossdistill.teacher.rest.BackfillRestartProfile.class.getName(),
      io.crossdistill.teacher.brokenteacher.BrokenTeacherProfile.class.getName());

  private String profile;

  /** Data directory of the running test service. */
  public static Path dataDir() {
    return base().resolve("data");
  }

  /** Teachers root of the running test service. */
  public static Path teachersRoot() {
    return base().resolve("teachers");
  }

  private static Path base() {
    return Path.of(System.getProperty(BASE_PROPERTY));
  }

  @Override
  public void setContext(Context context) {
    profile = context.testProfile();
  }

  @Override
  public Map<String, String> start() {
    if (profile != null && OWN_DATA_DIR_PROFILES.contains(profile)) {
      return Map.of();
    }
    try {
      Path base = Files.createTempDirectory("crossdistill-service-test");
      Files.createDirectories(base.resolve("teachers"));
      System.setProperty(BASE_PROPERTY, base.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of(
        "crossdistill.data-dir", dataDir().toString(),
        "crossdistill.teacher.root", teachersRoot().toString());
  }

  @Override
  public void stop() {
    // the temp directory is left for post-mortems
  }
}
