package org.ndio.volume;

import java.io.Serializable;
import org.ndio.InvalidBoxException;

/** A size in x, y and z, such as a chunk or cuboid shape or a downsampling factor. */
public record Size3(long x, long y, long z) implements Serializable {

  public Size3 {
    if (x <= 0 || y <= 0 || z <= 0) {
      throw new InvalidBoxException(
          "size " + x + "," + y + "," + z + " must be positive on every axis");
    }
  }

  /** Parses {@code X,Y,Z}, e.g. {@code 64,64,16}. */
  public static Size3 parse(String text) {
    String[] p = text == null ? new String[0] : text.split(",", -1);
    if (p.length != 3) {
      throw new InvalidBoxException("size '" + text + "' must be three integers X,Y,Z");
    }
    try {
      return new Size3(Long.parseLong(p[0].trim()), Long.parseLong(p[1].trim()),
          Long.parseLong(p[2].trim()));
    } catch (NumberFormatException e) {
      throw new InvalidBoxException("size '" + text + "' must be three integers X,Y,Z", e);
    }
  }

  public long voxels() {
    return Math.multiplyExact(Math.multiplyExact(x, y), z);
  }

  @Override
  public String toString() {
    return x + "," + y + "," + z;
  }
}
