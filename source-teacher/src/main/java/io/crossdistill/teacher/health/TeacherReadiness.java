package io.crossdistill.teacher.health;

import io.crossdistill.teacher.service.TeacherService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while a teacher is loaded: without one the service cannot label. While down, the answer says
 * why (e.g. the epoch the first-start demo teacher is training).
 */
@Readiness
@ApplicationScoped
public class TeacherReadiness implements HealthCheck {

  @Inject
  TeacherService teachers;

  @Override
  public HealthCheckResponse call() {
    var builder = HealthCheckResponse.named("teacher");
    return teachers.serving()
        .map(t -> builder.up().withData("teacherId", t.getTeacherId()).withData("contentHash", t.getContentHash()).build())
        .orElseGet(() -> builder.down().withData("reason", teachers.notReadyReason()).build());
  }
}
