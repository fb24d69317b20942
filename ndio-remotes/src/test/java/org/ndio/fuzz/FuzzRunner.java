package org.ndio.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ndio.NdioException;

/**
 * Runs one parser over many damaged inputs and collects every case that ends in anything but
 * an {@link NdioException} or a correct result: another exception or error, a hang past the
 * per-case limit, or more memory allocated than the input could justify (which is how a header
 * size trusted before it was checked shows, long before it would exhaust the heap).
 */
final class FuzzRunner implements AutoCloseable {

  /** One parse of one input; returns normally for a correct result. */
  interface Case {
    void run() throws Exception;
  }

  private final String parser;
  private final Duration limit;
  private final long maxAllocated;
  private final List<String> failures = new ArrayList<>();
  private ExecutorService thread = newThread();
  private int cases;
  private int refused;

  /**
   * @param maxAllocated the most bytes one case may allocate (on its own thread)
   */
  FuzzRunner(String parser, Duration limit, long maxAllocated) {
    this.parser = parser;
    this.limit = limit;
    this.maxAllocated = maxAllocated;
  }

  FuzzRunner(String parser) {
    this(parser, Duration.ofSeconds(10), 96L << 20);
  }

  /** Runs {@code c}, recording a failure (never throwing) if it ends badly. */
  void check(String what, Case c) {
    cases++;
    Future<Object> f = thread.submit(() -> measured(c));
    try {
      Object outcome = f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
      if (outcome instanceof NdioException) {
        refused++;
      }
    } catch (TimeoutException e) {
      f.cancel(true);
      thread.shutdownNow();
      thread = newThread();
      failures.add(what + ": no answer within " + limit.toMillis() + " ms");
    } catch (ExecutionException e) {
      Throwable t = e.getCause();
      StackTraceElement[] st = t.getStackTrace();
      String text = String.valueOf(t);
      text = text.length() <= 300 ? text : text.substring(0, 297) + "...";
      failures.add(what + ": " + text + (st.length > 0 ? " at " + st[0] : "")
          + (st.length > 1 ? " < " + st[1] : "") + (st.length > 2 ? " < " + st[2] : ""));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Object measured(Case c) throws Exception {
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(id);
    Object outcome;
    try {
      c.run();
      outcome = "ok";
    } catch (NdioException e) {
      outcome = e;
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        throw new AssertionError("typed error without a message", e);
      }
    }
    long allocated = mx.getThreadAllocatedBytes(id) - before;
    if (allocated > maxAllocated) {
      throw new AssertionError("allocated " + (allocated >> 20) + " MiB (limit "
          + (maxAllocated >> 20) + " MiB), ending in " + outcome);
    }
    return outcome;
  }

  /** Fails the test listing every bad case (the first 30), else reports the counts. */
  void assertClean() {
    System.out.printf("fuzz %-14s %4d inputs, %4d refused with typed errors, %d failures%n",
        parser, cases, refused, failures.size());
    if (!failures.isEmpty()) {
      fail(parser + ": " + failures.size() + " of " + cases + " inputs ended badly:\n  "
          + String.join("\n  ", failures.subList(0, Math.min(30, failures.size()))));
    }
  }

  int cases() {
    return cases;
  }

  private static ExecutorService newThread() {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "fuzz-case");
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
