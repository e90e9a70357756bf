package io.crossdistill.teacher.brokenteacher;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** A service started on a registry that names a teacher whose artifact has since been damaged. */
public class BrokenTeacherProfile implements QuarkusTestProfile {

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(BrokenTeacherResource.class));
  }
}
