package io.crossdistill.teacher.firststart;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** A bare start (no teacher configured) with the default runtime settings and Swagger UI on. */
public class DemoTeacherFirstStartProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("quarkus.swagger-ui.enabled", "true");
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(FirstStartResource.class));
  }
}
