package org.ndio.format.zarr;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * One worker per core for the chunks of a box, each with state it keeps from box to box
 * (buffers, codec contexts): a stream of boxes makes that state once per core, not once per
 * box. Workers share the common fork-join pool, as Java's parallel streams do.
 */
final class Workers<S> {

  private final Queue<S> idle = new ConcurrentLinkedQueue<>();
  private final Supplier<S> make;

  Workers(Supplier<S> make) {
    this.make = make;
  }

  /** Runs {@code work} on as many workers as there are cores, but no more than {@code tasks}. */
  void run(int tasks, Consumer<S> work) {
    int n = Math.min(tasks, ForkJoinPool.getCommonPoolParallelism() + 1);
    IntStream.range(0, n).parallel().forEach(w -> {
      S state = idle.poll();
      if (state == null) {
        state = make.get();
      }
      try {
        work.accept(state);
      } finally {
        idle.add(state);
      }
    });
  }

  /** Removes the kept states, handing each to {@code release}. */
  void drain(Consumer<S> release) {
    for (S s = idle.poll(); s != null; s = idle.poll()) {
      release.accept(s);
    }
  }
}
