package org.ndio.volume;

import java.io.Serializable;
import org.ndio.InvalidBoxException;

/** Physical size of one voxel, e.g. 4.6 x 4.6 x 50 nanometers for the shared ssTEM stack. */
public record VoxelSize(double x, double y, double z, String unit) implements Serializable {

  public VoxelSize {
    if (!(x > 0) || !(y > 0) || !(z > 0) || Double.isInfinite(x) || Double.isInfinite(y)
        || Double.isInfinite(z)) {
      throw new InvalidBoxException(
          "voxel size " + x + "," + y + "," + z + " must be finite and positive");
    }
    unit = unit == null || unit.isBlank() ? "nanometer" : unit;
  }

  /** Parses {@code X,Y,Z} with an optional unit after a space, e.g. {@code 4.6,4.6,50 nm}. */
  public static VoxelSize parse(String text) {
    String t = text.trim();
    String unit = null;
    int space = t.indexOf(' ');
    if (space > 0) {
      unit = t.substring(space + 1).trim();
      t = t.substring(0, space);
    }
    String[] p = t.split(",", -1);
    try {
      if (p.length == 3) {
        return new VoxelSize(Double.parseDouble(p[0]), Double.parseDouble(p[1]),
            Double.parseDouble(p[2]), unit);
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new InvalidBoxException("voxel size '" + text + "' must be X,Y,Z with an optional unit");
  }
}
