package org.ndio.benchmarks.run;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * The JVM's peak heap since the last {@link #reset}: the sum of each heap pool's peak use.
 * The pools peak at different moments, so the sum is an upper bound of the true peak; it
 * includes garbage not yet collected, so it also bounds what the work needed from above.
 */
public final class HeapPeak {

  private HeapPeak() {}

  public static void reset() {
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  public static long bytes() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
