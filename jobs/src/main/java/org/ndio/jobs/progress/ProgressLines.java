package org.ndio.jobs.progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Turns a job's status over time into the text to show: on a terminal one line redrawn in
 * place (carriage return, never wider than the terminal), elsewhere (a log, a CI job) a plain
 * line every {@code interval} seconds when something changed; and a summary at the end. Pure
 * apart from its own state: the caller supplies the times, so every line has a known answer.
 */
public final class ProgressLines {

  /** Where the text goes. */
  public enum Mode {
    /** An interactive terminal: one line redrawn in place. */
    TERMINAL,
    /** A file or pipe: whole lines, now and then. */
    LOG
  }

  /** Smoothing time constant of the rates and the time left. */
  static final double TAU_SECONDS = 8;

  private static final int MIN_BAR = 10;
  private static final int MAX_BAR = 30;

  private final String what;
  private final Mode mode;
  private final int width;
  private final double interval;
  private RateEstimate tasks = RateEstimate.withTimeConstant(TAU_SECONDS);
  private RateEstimate voxels = RateEstimate.withTimeConstant(TAU_SECONDS);
  private RateEstimate bytes = RateEstimate.withTimeConstant(TAU_SECONDS);
  private double lastPrinted;
  private JobStatus lastShown;
  private int drawn;

  /**
   * @param what the job's name, first on every line
   * @param width terminal columns (lines stay one shorter, so the cursor never wraps)
   * @param interval seconds between log lines (0: a line whenever the status changes)
   */
  public ProgressLines(String what, Mode mode, int width, double interval) {
    this.what = what;
    this.mode = mode;
    this.width = Math.max(20, width);
    this.interval = Math.max(0, interval);
  }

  /** The text to write at {@code seconds} after the start ("" for nothing). */
  public String tick(double seconds, JobStatus s) {
    tasks = tasks.add(seconds, s.done());
    voxels = voxels.add(seconds, s.voxels());
    bytes = bytes.add(seconds, s.bytes());
    if (mode == Mode.TERMINAL) {
      return redraw(barLine(seconds, s));
    }
    if (s.equals(lastShown) || s.total() == 0 || seconds - lastPrinted < interval) {
      return "";
    }
    lastPrinted = seconds;
    lastShown = s;
    return logLine(seconds, s) + "\n";
  }

  /** The summary, replacing the bar on a terminal, as the last line. */
  public String finish(double seconds, JobStatus s) {
    return (mode == Mode.TERMINAL ? clear() : "") + summary(seconds, s) + "\n";
  }

  /** What ends the bar when the job failed, so an error message starts on a fresh line. */
  public String abandon() {
    return drawn > 0 ? "\n" : "";
  }

  /** The terminal line: name, bar, share, work, voxels, rate, time and time left. */
  String barLine(double seconds, JobStatus s) {
    List<String> right = new ArrayList<>();
    right.add(ProgressFormat.percent(s.fraction()));
    right.add(ProgressFormat.count(s.done()) + "/" + ProgressFormat.count(s.total()) + " "
        + s.unit());
    String rate = rateText(false);
    if (!rate.isEmpty()) {
      right.add(rate);
    }
    right.add(ProgressFormat.clock(seconds));
    right.add("ETA " + eta(s));
    // Leave out pieces from the right (time left first) until the line fits with a bar.
    while (!right.isEmpty()) {
      String tail = String.join("  ", right);
      int room = width - 1 - what.length() - tail.length() - 2 - 2;
      if (room >= MIN_BAR) {
        return what + " " + ProgressFormat.bar(s.fraction(), Math.min(MAX_BAR, room)) + " "
            + tail;
      }
      right.remove(right.size() - 1);
    }
    String bare = what + " " + ProgressFormat.percent(s.fraction());
    return bare.length() < width ? bare : bare.substring(0, width - 1);
  }

  /** A log line: what a reader of a CI log wants at a glance. */
  String logLine(double seconds, JobStatus s) {
    StringBuilder b = new StringBuilder(what).append(": ")
        .append(ProgressFormat.count(s.done())).append('/').append(ProgressFormat.count(s.total()))
        .append(' ').append(s.unit()).append(" (").append(ProgressFormat.percent(s.fraction()))
        .append(')');
    if (s.voxels() > 0) {
      b.append(", ").append(ProgressFormat.count(s.voxels())).append(" voxels read");
    }
    String rate = rateText(true);
    if (!rate.isEmpty()) {
      b.append(", ").append(rate);
    }
    b.append(", ").append(ProgressFormat.clock(seconds)).append(" elapsed, ETA ").append(eta(s));
    return b.toString();
  }

  /** The summary line: time, work, voxels, average throughput, retries. */
  String summary(double seconds, JobStatus s) {
    StringBuilder b = new StringBuilder(what).append(": done in ")
        .append(ProgressFormat.duration(seconds));
    if (!s.unit().equals("voxels")) {
      b.append(", ").append(s.done()).append(' ').append(s.unit());
    }
    double t = Math.max(seconds, 1e-9);
    if (s.voxels() > 0) {
      b.append(", ").append(ProgressFormat.count(s.voxels())).append(" voxels");
      if (s.bytes() > 0) {
        b.append(" (").append(ProgressFormat.bytes(s.bytes())).append(')');
      }
      b.append(" at ").append(ProgressFormat.rate(s.voxels() / t, "vox"));
      if (s.bytes() > 0) {
        b.append(" (").append(ProgressFormat.rate(s.bytes() / t, "B")).append(')');
      }
    }
    b.append(String.format(Locale.ROOT, ", %d %s retried, %d %s retried", s.failedTasks(),
        s.failedTasks() == 1 ? "task" : "tasks", s.retries(),
        s.retries() == 1 ? "request" : "requests"));
    return b.toString();
  }

  /** The smoothed voxel rate (and byte rate in log lines), or bytes alone where no voxels. */
  private String rateText(boolean both) {
    double v = voxels.rate().orElse(0);
    double by = bytes.rate().orElse(0);
    if (v > 0) {
      return ProgressFormat.rate(v, "vox")
          + (both && by > 0 ? " (" + ProgressFormat.rate(by, "B") + ")" : "");
    }
    return by > 0 ? ProgressFormat.rate(by, "B") : "";
  }

  private String eta(JobStatus s) {
    if (s.total() > 0 && s.done() >= s.total()) {
      return "0:00";
    }
    OptionalDouble left = tasks.secondsFor(s.total() - s.done());
    return left.isPresent() ? ProgressFormat.clock(left.getAsDouble()) : "-:--";
  }

  private String redraw(String line) {
    // Spaces over what is left of a longer previous line, then back to the line's end.
    int pad = Math.max(0, drawn - line.length());
    drawn = line.length();
    return "\r" + line + " ".repeat(pad);
  }

  private String clear() {
    String text = drawn > 0 ? "\r" + " ".repeat(drawn) + "\r" : "";
    drawn = 0;
    return text;
  }
}
