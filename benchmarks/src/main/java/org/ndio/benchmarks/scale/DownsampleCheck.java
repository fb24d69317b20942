package org.ndio.benchmarks.scale;

import java.util.ArrayList;
import java.util.List;
import org.ndio.format.zarr.OmeZarr;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.synthetic.SyntheticReader;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Volume;

/**
 * A pyramid is right when sampled boxes of every level equal the level-0 voxels generated
 * afresh from the seed and reduced here, 2 x 2 x 1 at a time, by a mean of our own (rounded
 * half up, as the job documents), with no code of the job's.
 */
final class DownsampleCheck {

  /** Side of a sampled box in x and y at its level, and its depth in z. */
  static final int SIDE = 64;
  static final int DEPTH = 8;

  private DownsampleCheck() {}

  /** Throws {@link Mismatch} unless every sampled box is equal; returns what was compared. */
  static String check(String group, int levels, SyntheticReader source) {
    BoundingBox e = source.info().extent();
    long compared = 0;
    int boxes = 0;
    for (int level = 0; level <= levels; level++) {
      try (VolumeReader r = Volumes.open(OmeZarr.member(group, String.valueOf(level)))) {
        BoundingBox le = r.info().extent();
        for (BoundingBox b : samples(le)) {
          int f = 1 << level;
          BoundingBox full = new BoundingBox(b.x0() * f, b.x1() * f, b.y0() * f, b.y1() * f,
              b.z0(), b.z1());
          if (full.x1() > e.x1() || full.y1() > e.y1()) {
            throw new Mismatch("downsample: level " + level + " extent " + le
                + " exceeds the source's " + e + " halved " + level + " times");
          }
          Volume want = source.read(full);
          for (int i = 0; i < level; i++) {
            want = halveXy(want);
          }
          Volume got = r.read(b);
          if (!got.equals(want)) {
            throw new Mismatch("downsample: level " + level + " box " + b
                + " differs from the generator's voxels reduced by our own mean");
          }
          compared += b.voxels();
          boxes++;
        }
      }
    }
    return boxes + " sampled boxes over levels 0.." + levels + " (" + compared
        + " voxels) equal the generator reduced independently";
  }

  /** Three boxes of a level: at its origin, its centre and its far corner. */
  static List<BoundingBox> samples(BoundingBox le) {
    long sx = Math.min(SIDE, le.sizeX());
    long sy = Math.min(SIDE, le.sizeY());
    long sz = Math.min(DEPTH, le.sizeZ());
    List<BoundingBox> out = new ArrayList<>();
    long[][] corners = {{0, 0, 0}, {(le.sizeX() - sx) / 2, (le.sizeY() - sy) / 2,
        (le.sizeZ() - sz) / 2}, {le.sizeX() - sx, le.sizeY() - sy, le.sizeZ() - sz}};
    for (long[] c : corners) {
      out.add(new BoundingBox(c[0], c[0] + sx, c[1], c[1] + sy, c[2], c[2] + sz));
    }
    return out;
  }

  /** The mean of each 2 x 2 x 1 block of a uint8 volume with even x and y sides. */
  static Volume halveXy(Volume v) {
    int ox = v.sizeX() / 2;
    int oy = v.sizeY() / 2;
    Volume out = Volume.allocate(v.dtype(), ox, oy, v.sizeZ());
    for (int z = 0; z < v.sizeZ(); z++) {
      for (int y = 0; y < oy; y++) {
        for (int x = 0; x < ox; x++) {
          long sum = v.getLong(2 * x, 2 * y, z) + v.getLong(2 * x + 1, 2 * y, z)
              + v.getLong(2 * x, 2 * y + 1, z) + v.getLong(2 * x + 1, 2 * y + 1, z);
          out.setLong(x, y, z, (sum + 2) / 4); // mean of 4, halves rounded up
        }
      }
    }
    return out;
  }
}
