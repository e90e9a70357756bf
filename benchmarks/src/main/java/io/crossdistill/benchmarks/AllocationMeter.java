package io.crossdistill.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Bytes allocated by every thread of the JVM while it runs (the label path decodes on a read-ahead thread,
 * so the calling thread's own counter misses part of it): what the young generation's eden filled up with,
 * summed over the collections that emptied it, plus what it holds at the end. Objects allocated straight
 * into the old generation (huge arrays) are not counted.
 */
final class AllocationMeter implements AutoCloseable {

  private final MemoryPoolMXBean eden;
  private final AtomicLong collected = new AtomicLong();
  private final AtomicLong notified = new AtomicLong();
  private final long startUsed;
  private final long startCollections;
  private final NotificationListener listener;

  private AllocationMeter() {
    eden = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getName().contains("Eden")).findFirst()
        .orElseThrow(() -> new IllegalStateException("no eden pool in this JVM's collector"));
    listener = (notification, handback) -> {
      if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
        var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
        MemoryUsage before = info.getMemoryUsageBeforeGc().get(eden.getName());
        MemoryUsage after = info.getMemoryUsageAfterGc().get(eden.getName());
        if (before != null && after != null) {
          collected.addAndGet(before.getUsed() - after.getUsed());
        }
        notified.incrementAndGet();
      }
    };
    startCollections = collections();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
    }
    startUsed = eden.getUsage().getUsed();
  }

  static AllocationMeter start() {
    return new AllocationMeter();
  }

  /** Bytes allocated since {@link #start}, once every collection since then has been reported (10 s at most). */
  long bytes() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    // collections are reported on a service thread, a little after they end
    while (notified.get() < collections() - startCollections && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    return collected.get() + eden.getUsage().getUsed() - startUsed;
  }

  private static long collections() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
  }

  @Override
  public void close() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      try {
        ((NotificationEmitter) gc).removeNotificationListener(listener);
      } catch (ListenerNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
