package org.ndio.benchmarks.run;

/**
 * The best of a few timed runs after an untimed warm-up (none if asked for one run): at least
 * one warm-up run, more while they take under a second in all, up to five, so that small
 * volumes are timed compiled and with the heap grown, as in a long-running executor.
 */
public final class Best {

  /** Work to time; what it returns is kept so that the JIT cannot drop the work. */
  public interface Work {
    Object run() throws Exception;
  }

  private Best() {}

  public static volatile Object sink;

  /** Seconds of the fastest of {@code reps} runs; {@code reps <= 1}: one run, no warm-up. */
  public static double seconds(int reps, Work w) throws Exception {
    return seconds(reps, () -> {}, w);
  }

  /** {@link #seconds(int, Work)} with {@code untimed} run before each run, outside its time. */
  public static double seconds(int reps, Runnable untimed, Work w) throws Exception {
    if (reps > 1) {
      warmUp(1_000_000_000L, 5, untimed, w);
    }
    double best = Double.MAX_VALUE;
    for (int i = 0; i < Math.max(1, reps); i++) {
      untimed.run();
      long t = System.nanoTime();
      sink = w.run();
      best = Math.min(best, (System.nanoTime() - t) / 1e9);
    }
    return best;
  }

  /**
   * Warm-up runs: one, and more while under {@code nanos} have passed, up to {@code most};
   * {@code untimed} before each.
   */
  public static void warmUp(long nanos, int most, Runnable untimed, Work w) throws Exception {
    long warm = System.nanoTime();
    for (int i = 0; i < most && (i == 0 || System.nanoTime() - warm < nanos); i++) {
      untimed.run();
      sink = w.run();
    }
  }
}
