package org.ndio.remote;

import java.util.Optional;
import org.ndio.DataTypeException;
import org.ndio.RamonException;
import org.ndio.ramon.Cutout;
import org.ndio.ramon.RamonVoxels;
import org.ndio.ramon.VoxelList;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/**
 * RAMON voxels against a channel's labels: where an object's voxels lie, writing them into a
 * block of labels by a {@link PostMode}, and reading an object back out of a block of labels.
 * Pure functions on volumes, shared by the clients that label voxels themselves and by ndio's
 * NeuroData server.
 */
public final class RamonLabels {

  private RamonLabels() {}

  /** The smallest box holding the object's voxels (empty for an empty cutout or list). */
  public static Optional<BoundingBox> extent(RamonVoxels v) {
    if (v instanceof Cutout c) {
      return c.count() == 0 ? Optional.empty() : Optional.of(c.box());
    }
    VoxelList l = (VoxelList) v;
    if (l.count() == 0) {
      return Optional.empty();
    }
    long[] b = {Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE,
        Long.MIN_VALUE};
    for (int i = 0; i < l.count(); i++) {
      for (int a = 0; a < 3; a++) {
        b[2 * a] = Math.min(b[2 * a], l.get(i, a));
        b[2 * a + 1] = Math.max(b[2 * a + 1], l.get(i, a) + 1);
      }
    }
    return Optional.of(new BoundingBox(b[0], b[1], b[2], b[3], b[4], b[5], l.resolution()));
  }

  /** Throws when {@code id} cannot be stored in voxels of {@code dtype}. */
  public static void requireFits(long id, DataType dtype, String where) {
    if (dtype.isFloat() || dtype.bytes() < 8 && Long.compareUnsigned(id, maxOf(dtype)) > 0) {
      throw new DataTypeException(where + ": id " + id + " does not fit the channel's "
          + dtype.numpyName() + " labels");
    }
  }

  private static long maxOf(DataType t) {
    long bits = 8L * t.bytes() - (t.isSigned() ? 1 : 0);
    return (1L << bits) - 1;
  }

  /**
   * Counts the voxels of {@code v} inside {@code box} that {@code labels} (covering {@code box})
   * gives to an object other than {@code id}: the conflicts of a post.
   */
  public static long conflicts(Volume labels, BoundingBox box, RamonVoxels v, long id) {
    long[] n = {0};
    forEachVoxel(v, box, (x, y, z) -> {
      long old = labels.getLong(x, y, z);
      if (old != 0 && old != id) {
        n[0]++;
      }
    });
    return n[0];
  }

  /**
   * Labels the voxels of {@code v} inside {@code box} with {@code id} in {@code labels}: where
   * another object holds a voxel, {@link PostMode#PRESERVE} keeps it, the other modes take it
   * ({@link PostMode#EXCEPTION} posts are checked with {@link #conflicts} first).
   *
   * @return the number of voxels changed
   */
  public static long label(Volume labels, BoundingBox box, RamonVoxels v, long id,
      PostMode mode) {
    long[] n = {0};
    forEachVoxel(v, box, (x, y, z) -> {
      long old = labels.getLong(x, y, z);
      if (old == id || old != 0 && mode == PostMode.PRESERVE) {
        return;
      }
      labels.setLong(x, y, z, id);
      n[0]++;
    });
    return n[0];
  }

  /** Replaces {@code from} by {@code to} in {@code labels}; the number of voxels changed. */
  public static long relabel(Volume labels, long from, long to) {
    long n = 0;
    for (int z = 0; z < labels.sizeZ(); z++) {
      for (int y = 0; y < labels.sizeY(); y++) {
        for (int x = 0; x < labels.sizeX(); x++) {
          if (labels.getLong(x, y, z) == from) {
            labels.setLong(x, y, z, to);
            n++;
          }
        }
      }
    }
    return n;
  }

  /** The voxels of {@code labels} (covering {@code box}) equal to {@code id}, others 0. */
  public static Cutout cutout(Volume labels, BoundingBox box, long id) {
    Volume out = Volume.allocate(labels.dtype(), box);
    for (int z = 0; z < labels.sizeZ(); z++) {
      for (int y = 0; y < labels.sizeY(); y++) {
        for (int x = 0; x < labels.sizeX(); x++) {
          if (labels.getLong(x, y, z) == id) {
            out.setLong(x, y, z, id);
          }
        }
      }
    }
    return new Cutout(box, out);
  }

  /** The voxels of {@code labels} (covering {@code box}) equal to {@code id}, z, y, x order. */
  public static VoxelList voxelList(Volume labels, BoundingBox box, long id) {
    long n = 0;
    for (int z = 0; z < labels.sizeZ(); z++) {
      for (int y = 0; y < labels.sizeY(); y++) {
        for (int x = 0; x < labels.sizeX(); x++) {
          if (labels.getLong(x, y, z) == id) {
            n++;
          }
        }
      }
    }
    if (3 * n > Integer.MAX_VALUE - 8) {
      throw new RamonException("object " + id + " has " + n + " voxels, too many for a voxel"
          + " list; read it as a cutout");
    }
    long[] xyz = new long[(int) (3 * n)];
    int i = 0;
    for (int z = 0; z < labels.sizeZ(); z++) {
      for (int y = 0; y < labels.sizeY(); y++) {
        for (int x = 0; x < labels.sizeX(); x++) {
          if (labels.getLong(x, y, z) == id) {
            xyz[i++] = box.x0() + x;
            xyz[i++] = box.y0() + y;
            xyz[i++] = box.z0() + z;
          }
        }
      }
    }
    return new VoxelList(box.resolution(), xyz);
  }

  /** The tight box of {@code id} within {@code labels} (covering {@code box}), if any. */
  public static Optional<BoundingBox> tightBox(Volume labels, BoundingBox box, long id) {
    long[] b = {Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE,
        Long.MIN_VALUE};
    boolean any = false;
    for (int z = 0; z < labels.sizeZ(); z++) {
      for (int y = 0; y < labels.sizeY(); y++) {
        for (int x = 0; x < labels.sizeX(); x++) {
          if (labels.getLong(x, y, z) == id) {
            any = true;
            b[0] = Math.min(b[0], x);
            b[1] = Math.max(b[1], x + 1);
            b[2] = Math.min(b[2], y);
            b[3] = Math.max(b[3], y + 1);
            b[4] = Math.min(b[4], z);
            b[5] = Math.max(b[5], z + 1);
          }
        }
      }
    }
    return any ? Optional.of(new BoundingBox(box.x0() + b[0], box.x0() + b[1], box.y0() + b[2],
        box.y0() + b[3], box.z0() + b[4], box.z0() + b[5], box.resolution())) : Optional.empty();
  }

  private interface VoxelAction {
    void at(int x, int y, int z);
  }

  /** Calls {@code action} with box-relative coordinates of each voxel of {@code v} in box. */
  private static void forEachVoxel(RamonVoxels v, BoundingBox box, VoxelAction action) {
    if (v instanceof Cutout c) {
      Optional<BoundingBox> part = c.box().atResolution(box.resolution()).intersect(box);
      if (part.isEmpty()) {
        return;
      }
      BoundingBox p = part.get();
      Volume d = c.data();
      for (long z = p.z0(); z < p.z1(); z++) {
        for (long y = p.y0(); y < p.y1(); y++) {
          for (long x = p.x0(); x < p.x1(); x++) {
            if (d.getLong((int) (x - c.box().x0()), (int) (y - c.box().y0()),
                (int) (z - c.box().z0())) != 0) {
              action.at((int) (x - box.x0()), (int) (y - box.y0()), (int) (z - box.z0()));
            }
          }
        }
      }
      return;
    }
    VoxelList l = (VoxelList) v;
    for (int i = 0; i < l.count(); i++) {
      long x = l.get(i, 0);
      long y = l.get(i, 1);
      long z = l.get(i, 2);
      if (box.contains(x, y, z)) {
        action.at((int) (x - box.x0()), (int) (y - box.y0()), (int) (z - box.z0()));
      }
    }
  }
}
