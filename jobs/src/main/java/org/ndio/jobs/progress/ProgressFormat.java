package org.ndio.jobs.progress;

import java.util.Locale;

/** Text pieces of progress lines: counts, sizes, rates, durations and the bar itself. */
public final class ProgressFormat {

  private ProgressFormat() {}

  /** A count exact below 10 000, else with an SI prefix and three digits: 12.3k, 4.56M. */
  public static String count(long n) {
    if (Math.abs(n) < 10_000) {
      return Long.toString(n);
    }
    return si(n, "");
  }

  /** Bytes in decimal units, as rates are quoted: 512 B, 1.20 kB, 34.0 MB, 2.10 GB. */
  public static String bytes(long n) {
    return Math.abs(n) < 1000 ? n + " B" : si(n, "B");
  }

  /** A rate with an SI prefix: {@code rate(4.52e7, "B")} is 45.2 MB/s. */
  public static String rate(double perSecond, String unit) {
    return si(perSecond, unit) + "/s";
  }

  /** Whole seconds as m:ss, or h:mm:ss from an hour on. */
  public static String clock(double seconds) {
    long s = Math.round(Math.max(0, seconds));
    long h = s / 3600;
    long m = s / 60 % 60;
    return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", m, s % 60);
  }

  /** A duration for a summary: 0.84 s, 7.3 s, 42 s, then as {@link #clock}. */
  public static String duration(double seconds) {
    if (seconds < 1) {
      return String.format(Locale.ROOT, "%.2f s", Math.max(0, seconds));
    }
    if (seconds < 10) {
      return String.format(Locale.ROOT, "%.1f s", seconds);
    }
    return seconds < 60 ? Math.round(seconds) + " s" : clock(seconds);
  }

  /** {@code [#####.....]}: the done share of {@code width} cells (at least 1) between brackets. */
  public static String bar(double fraction, int width) {
    int w = Math.max(1, width);
    double f = Double.isNaN(fraction) ? 0 : Math.min(1, Math.max(0, fraction));
    int full = (int) Math.floor(f * w);
    return "[" + "#".repeat(full) + ".".repeat(w - full) + "]";
  }

  /** Percent done, whole below 100 so 99.6% never reads 100%. */
  public static String percent(double fraction) {
    double p = Math.min(100, Math.max(0, 100 * fraction));
    return (p < 100 ? (int) Math.floor(p) : 100) + "%";
  }

  private static String si(double v, String unit) {
    String[] prefixes = {"", "k", "M", "G", "T", "P", "E"};
    double a = Math.abs(v);
    int i = 0;
    while (a >= 999.5 && i < prefixes.length - 1) {
      a /= 1000;
      i++;
    }
    String digits = a >= 99.95 ? String.format(Locale.ROOT, "%.0f", a)
        : a >= 9.995 ? String.format(Locale.ROOT, "%.1f", a)
        : String.format(Locale.ROOT, "%.2f", a);
    String sign = v < 0 ? "-" : "";
    return sign + digits + (unit.isEmpty() ? prefixes[i] : " " + prefixes[i] + unit);
  }
}
