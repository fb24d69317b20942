package org.ndio.benchmarks.scale;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Follows the heap through garbage collections: after each one, how much of the old generation
 * and of the whole heap survived. The pools' own peak counters give the largest use at any
 * moment, garbage included, which says little about what a job keeps; what survives a
 * collection does.
 */
final class HeapWatch implements NotificationListener, AutoCloseable {

  private static final String OLD = "G1 Old Gen";

  private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(p -> p.getType() == MemoryType.HEAP).toList();
  private final List<GarbageCollectorMXBean> collectors =
      ManagementFactory.getGarbageCollectorMXBeans();
  private long oldPeak;
  private long heapPeak;
  private long baseline;
  private long collectionsAtStart;

  HeapWatch() {
    for (GarbageCollectorMXBean c : collectors) {
      ((NotificationEmitter) c).addNotificationListener(this, null, null);
    }
  }

  @Override
  public synchronized void handleNotification(Notification n, Object handback) {
    if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
      return;
    }
    Map<String, MemoryUsage> after = GarbageCollectionNotificationInfo
        .from((CompositeData) n.getUserData()).getGcInfo().getMemoryUsageAfterGc();
    long heap = 0;
    for (MemoryPoolMXBean p : pools) {
      MemoryUsage u = after.get(p.getName());
      if (u != null) {
        heap += u.getUsed();
      }
    }
    MemoryUsage old = after.get(OLD);
    oldPeak = Math.max(oldPeak, old == null ? 0 : old.getUsed());
    heapPeak = Math.max(heapPeak, heap);
  }

  /** Collects, notes what is live as the baseline, and starts counting peaks afresh. */
  void start() {
    System.gc();
    synchronized (this) {
      oldPeak = 0;
      heapPeak = 0;
      baseline = used();
      collectionsAtStart = collections();
    }
    pools.forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  /** The figures since {@link #start}. */
  synchronized HeapFigures take() {
    long usedPeak = 0;
    for (MemoryPoolMXBean p : pools) {
      usedPeak += p.getPeakUsage().getUsed();
      if (p.getName().equals(OLD) && p.getCollectionUsage() != null) {
        oldPeak = Math.max(oldPeak, p.getCollectionUsage().getUsed());
      }
    }
    return new HeapFigures(baseline, oldPeak, heapPeak, usedPeak,
        Runtime.getRuntime().maxMemory(), collections() - collectionsAtStart);
  }

  private long used() {
    return pools.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
  }

  private long collections() {
    return collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
  }

  @Override
  public void close() {
    for (GarbageCollectorMXBean c : collectors) {
      try {
        ((NotificationEmitter) c).removeNotificationListener(this);
      } catch (javax.management.ListenerNotFoundException e) {
        // never added: nothing to undo
      }
    }
  }
}
