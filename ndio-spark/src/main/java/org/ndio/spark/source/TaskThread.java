package org.ndio.spark.source;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;

/**
 * Runs a Spark task's store work on one thread of its own. The stores decode and encode the
 * chunks of a box on parallel streams, which from a plain thread spread over the JVM's common
 * pool: next to Spark's own task threads (one per core) that oversubscribes the cores, and a
 * local[1] run then used more than one. Inside a one-thread fork-join pool the same streams
 * run sequentially on that thread, so Spark's tasks are the only parallelism.
 */
public final class TaskThread implements AutoCloseable {

  private final ForkJoinPool pool = new ForkJoinPool(1);

  /** What {@code work} returns, computed on this task's thread; its exceptions as thrown. */
  public <T> T call(Callable<T> work) {
    try {
      return pool.submit(work).get();
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error r) {
        throw r;
      }
      throw new IllegalStateException(c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("task interrupted", e);
    }
  }

  @Override
  public void close() {
    pool.shutdown();
  }
}
