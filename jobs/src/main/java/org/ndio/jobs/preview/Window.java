package org.ndio.jobs.preview;

import java.util.Locale;
import org.ndio.NdioException;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/**
 * The range of voxel values shown from black to white: {@code lo} maps to 0, {@code hi} to
 * 255, linearly, values outside are clipped.
 */
public record Window(double lo, double hi) {

  public Window {
    if (!(hi > lo) || Double.isInfinite(lo) || Double.isInfinite(hi)) {
      throw new NdioException("window " + lo + "," + hi + ": need finite lo < hi");
    }
  }

  /** uint8 as stored: 0 black, 255 white. */
  public static final Window UINT8 = new Window(0, 255);

  /**
   * The window that shows {@code volumes}: {@link #UINT8} for uint8, else the smallest and
   * largest finite value over all of them (one window for several sections keeps them
   * comparable). A constant volume maps to black.
   */
  public static Window of(Volume... volumes) {
    if (volumes.length > 0 && volumes[0].dtype() == DataType.UINT8) {
      return UINT8;
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Volume v : volumes) {
      for (int z = 0; z < v.sizeZ(); z++) {
        for (int y = 0; y < v.sizeY(); y++) {
          for (int x = 0; x < v.sizeX(); x++) {
            double d = v.getDouble(x, y, z);
            if (Double.isFinite(d)) {
              lo = Math.min(lo, d);
              hi = Math.max(hi, d);
            }
          }
        }
      }
    }
    if (lo > hi) {
      return new Window(0, 1);
    }
    return hi > lo ? new Window(lo, hi) : new Window(lo, lo + 1);
  }

  /** {@code "lo,hi"} as given on the command line. */
  public static Window parse(String text) {
    String[] p = text.split(",", -1);
    try {
      if (p.length == 2) {
        return new Window(Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim()));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new NdioException("window '" + text + "': expected lo,hi (two numbers, lo < hi)");
  }

  /** The grey level of {@code value}: 0..255, rounded half up; NaN is black. */
  public int grey(double value) {
    if (Double.isNaN(value)) {
      return 0;
    }
    double g = Math.floor((value - lo) * 255 / (hi - lo) + 0.5);
    return (int) Math.max(0, Math.min(255, g));
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s,%s", lo, hi);
  }
}
