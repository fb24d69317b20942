package org.ndio.volume;

import java.io.Serializable;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ndio.BoxOutOfBoundsException;
import org.ndio.InvalidBoxException;

/**
 * A box of voxels with half-open ranges {@code [start, stop)} in x, y and z, at a resolution
 * level (0 is full resolution). Its text form is {@code x0:x1,y0:y1,z0:z1}, the order the BOSS
 * cutout service and ndio's original Python API use.
 */
public record BoundingBox(long x0, long x1, long y0, long y1, long z0, long z1, int resolution)
    implements Serializable {

  private static final Pattern RANGE = Pattern.compile("\\s*(-?\\d+)\\s*:\\s*(-?\\d+)\\s*");

  public BoundingBox {
    check("x", x0, x1);
    check("y", y0, y1);
    check("z", z0, z1);
    if (resolution < 0) {
      throw new InvalidBoxException("resolution level must be 0 or more, got " + resolution);
    }
  }

  /** A box at resolution 0. */
  public BoundingBox(long x0, long x1, long y0, long y1, long z0, long z1) {
    this(x0, x1, y0, y1, z0, z1, 0);
  }

  private static void check(String axis, long start, long stop) {
    if (stop == start) {
      throw new InvalidBoxException(
          "empty " + axis + " range " + start + ":" + stop + " (ranges are [start, stop))");
    }
    if (stop < start) {
      throw new InvalidBoxException(
          "inverted " + axis + " range " + start + ":" + stop + " (stop must exceed start)");
    }
  }

  /** The box {@code [0, sx) x [0, sy) x [0, sz)} at resolution 0. */
  public static BoundingBox ofShape(long sx, long sy, long sz) {
    return new BoundingBox(0, sx, 0, sy, 0, sz, 0);
  }

  /** A box of the given size whose lowest corner is {@code (x, y, z)}. */
  public static BoundingBox at(long x, long y, long z, long sx, long sy, long sz) {
    return new BoundingBox(x, x + sx, y, y + sy, z, z + sz, 0);
  }

  /** Parses {@code x0:x1,y0:y1,z0:z1} (resolution 0). */
  public static BoundingBox parse(String text) {
    if (text == null) {
      throw new InvalidBoxException("no box given (expected x0:x1,y0:y1,z0:z1)");
    }
    String[] parts = text.split(",", -1);
    if (parts.length != 3) {
      throw new InvalidBoxException(
          "box '" + text + "' must have three ranges x0:x1,y0:y1,z0:z1, found " + parts.length);
    }
    long[] v = new long[6];
    String[] axes = {"x", "y", "z"};
    for (int i = 0; i < 3; i++) {
      Matcher m = RANGE.matcher(parts[i]);
      if (!m.matches()) {
        throw new InvalidBoxException(
            "box '" + text + "': " + axes[i] + " range '" + parts[i].trim()
                + "' is not start:stop with integer bounds");
      }
      try {
        v[2 * i] = Long.parseLong(m.group(1));
        v[2 * i + 1] = Long.parseLong(m.group(2));
      } catch (NumberFormatException e) {
        throw new InvalidBoxException(
            "box '" + text + "': " + axes[i] + " bound out of the 64-bit range", e);
      }
    }
    try {
      return new BoundingBox(v[0], v[1], v[2], v[3], v[4], v[5], 0);
    } catch (InvalidBoxException e) {
      throw new InvalidBoxException("box '" + text + "': " + e.getMessage(), e);
    }
  }

  public BoundingBox atResolution(int level) {
    return new BoundingBox(x0, x1, y0, y1, z0, z1, level);
  }

  public long sizeX() {
    return x1 - x0;
  }

  public long sizeY() {
    return y1 - y0;
  }

  public long sizeZ() {
    return z1 - z0;
  }

  /** Whether the box's sizes are those of {@code size} (a full chunk or block, say). */
  public boolean hasShape(Size3 size) {
    return sizeX() == size.x() && sizeY() == size.y() && sizeZ() == size.z();
  }

  /** Number of voxels in the box. */
  public long voxels() {
    return Math.multiplyExact(Math.multiplyExact(sizeX(), sizeY()), sizeZ());
  }

  public boolean contains(BoundingBox other) {
    return other.x0 >= x0 && other.x1 <= x1 && other.y0 >= y0 && other.y1 <= y1
        && other.z0 >= z0 && other.z1 <= z1;
  }

  public boolean contains(long x, long y, long z) {
    return x >= x0 && x < x1 && y >= y0 && y < y1 && z >= z0 && z < z1;
  }

  /** The common part of two boxes at the same resolution, if any. */
  public Optional<BoundingBox> intersect(BoundingBox o) {
    requireSameResolution(o);
    long ax = Math.max(x0, o.x0), bx = Math.min(x1, o.x1);
    long ay = Math.max(y0, o.y0), by = Math.min(y1, o.y1);
    long az = Math.max(z0, o.z0), bz = Math.min(z1, o.z1);
    if (ax >= bx || ay >= by || az >= bz) {
      return Optional.empty();
    }
    return Optional.of(new BoundingBox(ax, bx, ay, by, az, bz, resolution));
  }

  public BoundingBox translate(long dx, long dy, long dz) {
    return new BoundingBox(x0 + dx, x1 + dx, y0 + dy, y1 + dy, z0 + dz, z1 + dz, resolution);
  }

  /**
   * Checks that {@code inner} lies inside this box, as a read or write of {@code inner} from a
   * volume whose extent is this box requires.
   */
  public void requireContains(BoundingBox inner, String what) {
    requireSameResolution(inner);
    if (!contains(inner)) {
      throw new BoxOutOfBoundsException(
          "box " + inner + " is outside " + what + " (extent " + this + ")");
    }
  }

  private void requireSameResolution(BoundingBox o) {
    if (o.resolution != resolution) {
      throw new InvalidBoxException(
          "boxes at different resolution levels: " + this + " at " + resolution + ", " + o
              + " at " + o.resolution);
    }
  }

  /** {@code x0:x1,y0:y1,z0:z1}, the form {@link #parse} reads. */
  @Override
  public String toString() {
    return x0 + ":" + x1 + "," + y0 + ":" + y1 + "," + z0 + ":" + z1;
  }
}
