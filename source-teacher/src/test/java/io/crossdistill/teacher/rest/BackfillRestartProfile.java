package io.crossdistill.teacher.rest;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** A service started on a killed service's data directory ({@link BackfillRestartResource}). */
public class BackfillRestartProfile implements QuarkusTestProfile {

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(BackfillRestartResource.class));
  }
}
