package org.ndio.jobs.cli;

import java.io.PrintWriter;
import org.ndio.jobs.convert.Convert;

/** Progress on one line of standard error, at most a few times a second. */
final class ProgressLine implements Convert.Progress {

  private final PrintWriter err;
  private final String what;
  private final String unit;
  private final long start;
  private long lastPrint;

  ProgressLine(PrintWriter err, String what, String unit, long startNanos) {
    this.err = err;
    this.what = what;
    this.unit = unit;
    this.start = startNanos;
  }

  @Override
  public void block(long done, long total) {
    long now = System.nanoTime();
    if (done < total && now - lastPrint < 250_000_000L) {
      return;
    }
    lastPrint = now;
    double s = (now - start) / 1e9;
    err.printf("\r%s: %5.1f%% (%d of %d %s), %.1f s%s", what, 100.0 * done / total, done, total,
        unit, s, done == total ? "\n" : "");
    err.flush();
  }
}
