package org.ndio.jobs.cli;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.ndio.jobs.progress.ProgressLines;
import org.ndio.jobs.progress.ProgressSource;
import org.ndio.jobs.spark.SparkProgress;

/**
 * Shows a running job's progress on standard error: a daemon thread reads the job's
 * {@link ProgressSource} a few times a second and writes what {@link ProgressLines} makes of
 * it; {@link #finish} writes the summary. A bar redrawn in place on a terminal, plain lines
 * every few seconds otherwise.
 */
final class ProgressDisplay implements AutoCloseable {

  static final long TICK_MILLIS = 200;
  /** Seconds between lines when standard error is not a terminal. */
  static final double LOG_INTERVAL = 5;

  private final ProgressSource source;
  private final PrintWriter err;
  private final ProgressLines lines;
  private final long start = System.nanoTime();
  private final ScheduledExecutorService ticker;
  private boolean finished;

  ProgressDisplay(String what, ProgressSource source, PrintWriter err, ProgressLines.Mode mode,
      double interval, long tickMillis) {
    this.source = source;
    this.err = err;
    this.lines = new ProgressLines(what, mode, columns(), interval);
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ndio-progress");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleAtFixedRate(this::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
  }

  /** A display in the mode this process's terminal calls for. */
  static ProgressDisplay start(String what, ProgressSource source, PrintWriter err) {
    return new ProgressDisplay(what, source, err, mode(), LOG_INTERVAL, TICK_MILLIS);
  }

  /**
   * Runs {@code job}, which runs Spark jobs on {@code spark} from this thread, showing their
   * progress and then a summary, unless {@code quiet}.
   */
  static <T> T during(String what, SparkSession spark, boolean quiet, PrintWriter err,
      Supplier<T> job) {
    if (quiet) {
      return job.get();
    }
    try (SparkProgress watch = SparkProgress.watch(spark);
        ProgressDisplay display = start(what, watch, err)) {
      T result = job.get();
      display.finish();
      return result;
    }
  }

  /**
   * A terminal when this process has a console (standard input and output are terminals):
   * redirected or piped runs, as in CI, get log lines instead of carriage returns.
   */
  static ProgressLines.Mode mode() {
    return System.console() != null && !"dumb".equals(System.getenv("TERM"))
        ? ProgressLines.Mode.TERMINAL : ProgressLines.Mode.LOG;
  }

  /** The terminal's width where the shell exports it, else the classic 80. */
  static int columns() {
    try {
      String c = System.getenv("COLUMNS");
      return c == null ? 80 : Math.max(20, Integer.parseInt(c.trim()));
    } catch (NumberFormatException e) {
      return 80;
    }
  }

  private double seconds() {
    return (System.nanoTime() - start) / 1e9;
  }

  private synchronized void tick() {
    if (finished) {
      return;
    }
    String text = lines.tick(seconds(), source.status());
    if (!text.isEmpty()) {
      err.print(text);
      err.flush();
    }
  }

  /** Waits for the last counts, stops the updates and writes the summary line. */
  void finish() {
    source.settle();
    stop();
    synchronized (this) {
      finished = true;
      err.print(lines.finish(seconds(), source.status()));
      err.flush();
    }
  }

  private void stop() {
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the updates; after a failure, ends the bar so the error starts a fresh line. */
  @Override
  public void close() {
    stop();
    synchronized (this) {
      if (!finished) {
        finished = true;
        err.print(lines.abandon());
        err.flush();
      }
    }
  }
}
