package io.crossdistill.teacher.firststart;

import io.quarkus.runtime.BlockingOperationControl;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The tests' gate for concurrent label requests: {@link #arm} makes the service hold each
 * {@code POST /api/v1/labels}, on its worker thread after authentication and before the resource runs,
 * until the given number of them are held, and then lets them all go at once. So requests a test sends
 * concurrently reach the teacher runtime together, whatever the client threads and the machine's load did to
 * their arrival. Unarmed, it does nothing.
 */
public class LabelRequestGate {

  private static volatile CyclicBarrier barrier;

  /** One armed gate; closing it disarms it. */
  public static final class Armed implements AutoCloseable {
    private final CyclicBarrier own;
    private final AtomicBoolean opened;

    private Armed(CyclicBarrier own, AtomicBoolean opened) {
      this.own = own;
      this.opened = opened;
    }

    /** Whether all the requests it waited for arrived and went on together. */
    public boolean opened() {
      return opened.get();
    }

    @Override
    public void close() {
      if (barrier == own) {
        barrier = null;
      }
      own.reset();
    }
  }

  /** Arms the gate for {@code parties} requests. */
  public static Armed arm(int parties) {
    AtomicBoolean opened = new AtomicBoolean();
    CyclicBarrier armed = new CyclicBarrier(parties, () -> {
      barrier = null;
      opened.set(true);
    });
    barrier = armed;
    return new Armed(armed, opened);
  }

  @ServerRequestFilter
  public void hold(ContainerRequestContext request) {
    CyclicBarrier armed = barrier;
    if (armed == null || !"POST".equals(request.getMethod()) || !"/api/v1/labels".equals(request.getUriInfo().getPath())) {
      return;
    }
    if (!BlockingOperationControl.isBlockingAllowed()) {
      throw new IllegalStateException("the label gate would block an event-loop thread");
    }
    try {
      armed.await(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (BrokenBarrierException | TimeoutException e) {
      throw new IllegalStateException("the label gate did not fill: " + e, e);
    }
  }
}
