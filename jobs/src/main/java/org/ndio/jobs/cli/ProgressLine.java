package org.ndio.jobs.cli;

import java.io.PrintWriter;
import org.ndio.jobs.convert.Convert;

/** Progress on one line of standard error, at most a few times a second. */
final class ProgressLine implements Convert.Progress {

  private final PrintWriter err;
  private final String what;
  private final long start;
  private long lastPrint;

  ProgressLine(PrintWriter err, String what, long startNanos) {
    this.err = err;
    this.what = what;
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
    err.printf("\r%s: %5.1f%% of %d voxels, %.1f Mvoxel/s%s", what, 100.0 * done / total, total,
        done / 1e6 / Math.max(s, 1e-9), done == total ? "\n" : "");
    err.flush();
  }
}
