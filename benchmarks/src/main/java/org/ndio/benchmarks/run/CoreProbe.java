package org.ndio.benchmarks.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ndio.jobs.kernel.ConnectedComponents;
import org.ndio.jobs.kernel.Connectivity;
import org.ndio.jobs.kernel.Foreground;
import org.ndio.volume.Volume;

/**
 * What the CPUs this JVM may use give at the moment: N threads label (6-connected, voxels >= 128)
 * each its own copy of a volume, over and over, with nothing shared and no Spark. The rate at
 * two threads over the rate at one, both measured beside the jobs, is what {@code local[2]}
 * gains over {@code local[1]} on this machine then for work that scales perfectly: below 2
 * on a VM whose second vCPU is slower or busier than the first, above 2 when the one-CPU JVM
 * loses part of its CPU to its own collector, compilers and Spark threads.
 */
final class CoreProbe {

  private static final long WARM_UP_NANOS = 1_500_000_000L;

  private CoreProbe() {}

  /** Labelling calls per second that {@code threads} threads finish together in {@code nanos}. */
  static double callsPerSecond(Volume v, int threads, long nanos) throws Exception {
    List<Volume> copies = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      copies.add(v.copy());
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    // the job just timed left its garbage: collected here, not in the probe's time
    System.gc();
    try {
      run(pool, copies, WARM_UP_NANOS);
      return run(pool, copies, nanos);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Each thread counts the calls it ends and the time to the end of its last: the sum of the
   * threads' rates, so a thread's unfinished last call is not counted as time without work.
   */
  private static double run(ExecutorService pool, List<Volume> copies, long nanos)
      throws InterruptedException, ExecutionException {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Double>> rates = new ArrayList<>();
    for (Volume copy : copies) {
      rates.add(pool.submit(() -> {
        start.await();
        long t0 = System.nanoTime();
        long end = t0;
        int calls = 0;
        while (end - t0 < nanos) {
          Best.sink = ConnectedComponents.label(copy, new Foreground.AtLeast(128),
              Connectivity.of(6));
          calls++;
          end = System.nanoTime();
        }
        return calls / ((end - t0) / 1e9);
      }));
    }
    start.countDown();
    double sum = 0;
    for (Future<Double> r : rates) {
      sum += r.get();
    }
    return sum;
  }
}
