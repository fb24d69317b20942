package org.ndio.serve.neurodata;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ndio.volume.BoundingBox;

/**
 * ndstore's cutout arguments {@code RES/X0,X1/Y0,Y1/Z0,Z1/[T0,T1/][neariso/]...}, checked as
 * its {@code restargs.cutoutArgs} checks them, with its messages: coordinates are the
 * dataset's (offset included) and become level coordinates here.
 *
 * @param box the cutout in level coordinates (offset subtracted), resolution 0
 * @param time the time range if one was given, else null
 */
record CutoutArgs(int resolution, BoundingBox box, long[] time) {

  /** An argument error, worded as ndstore words it. */
  static final class Invalid extends Exception {
    Invalid(String message) {
      super(message);
    }
  }

  private static final Pattern FORM =
      Pattern.compile("([0-9]+)/([0-9]+),([0-9]+)/([0-9]+),([0-9]+)/([0-9]+),([0-9]+)(.*)?$",
          Pattern.DOTALL);
  private static final Pattern TIME = Pattern.compile("^/(\\d+),(\\d+)/");
  private static final Pattern VOXEL = Pattern.compile("^(\\w+)/(\\w+)/(\\w+)/(\\w+)/");

  static CutoutArgs parse(String args, NdDataset d) throws Invalid {
    Matcher m = FORM.matcher(args);
    long[] v = new long[7];
    try {
      if (!m.lookingAt()) {
        throw new NumberFormatException("'NoneType' object has no attribute 'groups'");
      }
      for (int i = 0; i < 7; i++) {
        v[i] = Long.parseLong(m.group(i + 1));
      }
    } catch (NumberFormatException e) {
      throw new Invalid("Incorrect cutout arguments " + args + ". " + e.getMessage());
    }
    int r = (int) Math.min(v[0], Integer.MAX_VALUE);
    if (!d.hasLevel(r)) {
      throw new Invalid("Illegal scaling level " + args);
    }
    long[] o = d.offset(r);
    long[] s = d.imageSize(r);
    long x0 = v[1] - o[0], x1 = v[2] - o[0];
    long y0 = v[3] - o[1], y1 = v[4] - o[1];
    long z0 = v[5] - o[2], z1 = v[6] - o[2];
    String rest = m.group(8) == null ? "" : m.group(8);
    Matcher t = TIME.matcher(rest);
    long[] time = t.find() ? new long[] {Long.parseLong(t.group(1)), Long.parseLong(t.group(2))}
        : null;
    if (!(x0 >= 0 && x0 < x1 && x1 <= s[0] && y0 >= 0 && y0 < y1 && y1 <= s[1] && z0 >= 0
        && z0 < z1 && z1 <= s[2])) {
      throw new Invalid("Illegal arguments to cutout. Check cube failed 'Illegal range. Image"
          + " size: " + list(s) + " at offset " + list(o) + "'");
    }
    return new CutoutArgs(r, new BoundingBox(x0, x1, y0, y1, z0, z1), time);
  }

  /**
   * A point {@code RES/X/Y/Z/} for the {@code id} service. ndstore checks it against {@code [0,
   * imagesize)} before subtracting the offset; this checks {@code [offset, offset +
   * imagesize)}, the frame the cutouts use, so every voxel of the dataset can be asked for.
   */
  static long[] voxel(String args, NdDataset d) throws Invalid {
    Matcher m = VOXEL.matcher(args);
    long[] v = new long[4];
    try {
      if (!m.find()) {
        throw new NumberFormatException();
      }
      for (int i = 0; i < 4; i++) {
        v[i] = Long.parseLong(m.group(i + 1));
      }
    } catch (NumberFormatException e) {
      throw new Invalid("Bad arguments to voxel " + args);
    }
    int r = (int) Math.min(v[0], Integer.MAX_VALUE);
    if (!d.hasLevel(r)) {
      throw new Invalid("Illegal scaling level " + args);
    }
    long[] o = d.offset(r);
    long[] s = d.imageSize(r);
    long x = v[1] - o[0], y = v[2] - o[1], z = v[3] - o[2];
    if (x < 0 || x >= s[0] || y < 0 || y >= s[1] || z < 0 || z >= s[2]) {
      throw new Invalid("Illegal range. Image size: " + list(s) + " at offset " + list(o));
    }
    return new long[] {r, x, y, z};
  }

  /** A list as Python prints it: {@code [1, 2, 3]}. */
  static String list(long[] v) {
    return Arrays.toString(v);
  }
}
