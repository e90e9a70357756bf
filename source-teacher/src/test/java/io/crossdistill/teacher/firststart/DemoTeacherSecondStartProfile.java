package io.crossdistill.teacher.firststart;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * Another bare start on the same data directory, with Swagger UI switched off at run time and a runtime
 * whose micro-batches close at two rows or after one second: two one-row requests that {@link LabelRequestGate}
 * lets into the service together share a forward pass.
 */
public class DemoTeacherSecondStartProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "quarkus.swagger-ui.enabled", "false",
        "crossdistill.teacher.runtime.max-batch-rows", "2",
        "crossdistill.teacher.runtime.max-wait-micros", "1000000");
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(FirstStartResource.class));
  }
}
