package io.crossdistill.teacher.health;

import io.crossdistill.teacher.stream.StreamService;
import io.crossdistill.teacher.stream.StreamView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The label stream's part of readiness: down only when the stream has failed for good (an instance that
 * no longer does its share of the group's work); waiting and recovering are up, with the reason, so that
 * a stream waiting for its specs does not keep the REST API that registers them out of the load balancer.
 */
@Readiness
@ApplicationScoped
public class StreamReadiness implements HealthCheck {

  @Inject
  StreamService streams;

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder builder = HealthCheckResponse.named("label-stream");
    if (!streams.enabled()) {
      return builder.up().withData("state", "DISABLED").build();
    }
    StreamView view = streams.view();
    builder.withData("state", view.state()).withData("records", view.records()).withData("labels", view.labels())
        .withData("deadLetters", view.deadLetters()).withData("instanceId", view.instanceId());
    view.lag().ifPresent(lag -> builder.withData("lag", lag));
    view.reason().ifPresent(reason -> builder.withData("reason", reason));
    return ("FAILED".equals(view.state()) ? builder.down() : builder.up()).build();
  }
}
